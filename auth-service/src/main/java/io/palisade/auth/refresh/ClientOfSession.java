package io.palisade.auth.refresh;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * What a session records about the client that used it: the login's {@code User-Agent}, cut to 200
 * characters, and the client address cut to its network (/24 for IPv4, /64 for IPv6), enough for an owner
 * to recognise a session and no more.
 */
public record ClientOfSession(String userAgent, String ipPrefix) {

    static final int MAX_USER_AGENT = 200;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** From the request's {@code User-Agent} (may be null) and the client IP the service believes (may be null). */
    public static ClientOfSession of(String userAgent, String clientIp) {
        String agent = userAgent == null || userAgent.isBlank() ? null
                : userAgent.strip().substring(0, Math.min(MAX_USER_AGENT, userAgent.strip().length()));
        return new ClientOfSession(agent, prefix(clientIp));
    }

    static String prefix(String ip) {
        if (ip == null || !(IPV4.matcher(ip).matches() || IPV6.matcher(ip).matches())) {
            return null;
        }
        try {
            // Only literals pass the patterns above, so getByName parses and never asks DNS.
            byte[] address = InetAddress.getByName(ip).getAddress();
            int keep = address.length == 4 ? 3 : 8;
            byte[] network = Arrays.copyOf(Arrays.copyOf(address, keep), address.length);
            String text = InetAddress.getByAddress(network).getHostAddress();
            if (address.length == 16) {
                text = compress(text);
            }
            return text + (address.length == 4 ? "/24" : "/64");
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
