package io.palisade.gateway.clientip;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An address block, IPv4 or IPv6. */
record Cidr(byte[] network, int prefix) {

    static Cidr parse(String text) {
        String[] parts = text.strip().split("/", 2);
        byte[] address = literal(parts[0]);
        if (address == null) {
            throw new IllegalArgumentException("palisade.gateway.trusted-proxies: '" + text + "' is not a CIDR");
        }
        int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : address.length * 8;
        if (prefix < 0 || prefix > address.length * 8) {
            throw new IllegalArgumentException("palisade.gateway.trusted-proxies: bad prefix length in '" + text + "'");
        }
        return new Cidr(mask(address, prefix), prefix);
    }

    boolean contains(byte[] address) {
        return address.length == network.length && Arrays.equals(mask(address, prefix), network);
    }

    /** The bytes of an IP literal, or null when {@code text} is not one (never a DNS lookup). */
    static byte[] literal(String text) {
        String candidate = text.strip();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        boolean ipv4 = candidate.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = candidate.contains(":") && candidate.matches("[0-9A-Fa-f:.]+");
        if (!ipv4 && !ipv6) {
            return null;
        }
        try {
            // A literal never triggers a lookup; an IPv4-mapped IPv6 literal comes back as the IPv4 it wraps.
            return InetAddress.getByName(candidate).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int bit = prefix; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(1 << (7 - bit % 8));
        }
        return masked;
    }
}
