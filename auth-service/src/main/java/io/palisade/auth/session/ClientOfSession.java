package io.palisade.auth.session;

import io.palisade.common.clientip.NetworkPrefix;

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
        return new ClientOfSession(agent, NetworkPrefix.of(clientIp, 24, 64));
    }
}
