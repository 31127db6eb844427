package io.palisade.common.clientip;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The network an address belongs to, as text: what a rate limit keys a client by, and what an owner is shown
 * of a session's address. IPv6 is written as RFC 5952 asks ({@code 2001:db8:1:2::/64}), so one network
 * always has one spelling.
 */
public final class NetworkPrefix {

    private NetworkPrefix() {
    }

    /**
     * {@code ip} cut to its first {@code ipv4Bits} or {@code ipv6Bits}, as {@code network/bits}, or the address
     * alone when the cut keeps all of it; null when {@code ip} is not an IP literal.
     */
    public static String of(String ip, int ipv4Bits, int ipv6Bits) {
        byte[] address = ip == null ? null : Cidr.literal(ip);
        if (address == null) {
            return null;
        }
        int bits = address.length == 4 ? ipv4Bits : ipv6Bits;
        try {
            String network = NetUtil.toAddressString(InetAddress.getByAddress(Cidr.mask(address, bits)));
            return bits == address.length * 8 ? network : network + "/" + bits;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address is always an address", e);
        }
    }
}
