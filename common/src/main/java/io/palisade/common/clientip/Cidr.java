package io.palisade.common.clientip;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/** An address block, IPv4 or IPv6. */
public record Cidr(byte[] network, int prefix) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** Parses {@code text}, an address with an optional prefix length; a bad one names {@code key}. */
    public static Cidr parse(String text, String key) {
        String[] parts = text.strip().split("/", 2);
        byte[] address = literal(parts[0]);
        if (address == null || parts.length == 2 && !parts[1].matches("\\d{1,3}")) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a CIDR");
        }
        int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
        if (prefix > address.length * 8) {
            throw new IllegalArgumentException(key + ": bad prefix length in '" + text + "'");
        }
        return new Cidr(mask(address, prefix), prefix);
    }

    public boolean contains(byte[] address) {
        return address.length == network.length && Arrays.equals(mask(address, prefix), network);
    }

    /** The bytes of an IP literal, or null when {@code text} is not one (never a DNS lookup). */
    public static byte[] literal(String text) {
        String candidate = text.strip();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        if (!IPV4.matcher(candidate).matches() && !IPV6.matcher(candidate).matches()) {
            return null;
        }
        try {
            // A literal never triggers a lookup; an IPv4-mapped IPv6 literal comes back as the IPv4 it wraps.
            return InetAddress.getByName(candidate).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    public static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int bit = prefix; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(1 << (7 - bit % 8));
        }
        return masked;
    }
}
