package io.palisade.gateway.ratelimit;

import java.time.Duration;

/**
 * A rate-limit policy as configured: its budget of {@code limit} units per {@code window}, whether a verified
 * token's subject (rather than the client IP) names the bucket, and whether it refuses requests while Redis is
 * down. The policies that guard an endpoint whose abuse is the attack (guessing passwords, creating accounts,
 * sending mail) are keyed by IP and closed.
 */
public record Policy(String name, int limit, Duration window, boolean keyedByUser, boolean failsClosed) {

    /** The name in headers, keys and metrics. */
    public String tag() {
        return name;
    }
}
