package io.palisade.gateway.ratelimit;

import java.time.Duration;

/**
 * A rate-limit policy as configured: its budget of {@code limit} units per {@code window}, whether a verified
 * token's subject (rather than the client IP) names the bucket, whether it refuses requests while Redis is
 * down, and how many units a replica leases from Redis at once (1: none, every request asks Redis). The
 * policies that guard an endpoint whose abuse is the attack (guessing passwords, creating accounts, sending
 * mail) are keyed by IP and closed, and never leased.
 */
public record Policy(String name, int limit, Duration window, boolean keyedByUser, boolean failsClosed, int lease) {

    /** The name in headers, keys and metrics. */
    public String tag() {
        return name;
    }
}
