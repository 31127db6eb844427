package io.palisade.auth.refresh;

import io.palisade.common.clientip.Cidr;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * What a session records about the client that used it: the login's {@code User-Agent}, cut to 200
 * characters, and the client address cut to its network (/24 for IPv4, /64 for IPv6), enough for an owner
 * to recognise a session and no more.
 */
public record ClientOfSession(String userAgent, String ipPrefix) {

    static final int MAX_USER_AGENT = 200;

    /** From the request's {@code User-Agent} (may be null) and the client IP the service believes (may be null). */
    public static ClientOfSession of(String userAgent, String clientIp) {
        String agent = userAgent == null || userAgent.isBlank() ? null
                : userAgent.strip().substring(0, Math.min(MAX_USER_AGENT, userAgent.strip().length()));
        return new ClientOfSession(agent, prefix(clientIp));
    }

    static String prefix(String ip) {
        byte[] address = ip == null ? null : Cidr.literal(ip);
        if (address == null) {
            return null;
        }
        boolean v4 = address.length == 4;
        try {
            String network = InetAddress.getByAddress(Cidr.mask(address, v4 ? 24 : 64)).getHostAddress();
            return v4 ? network + "/24" : compress(network) + "/64";
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** {@code 2001:db8:1:2:0:0:0:0} as {@code 2001:db8:1:2::}. */
    private static String compress(String full) {
        String[] groups = full.split(":");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            text.append(groups[i]).append(':');
        }
        return text.append(':').toString();
    }
}
