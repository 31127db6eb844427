package io.palisade.gateway.ratelimit;

import java.util.Locale;

/**
 * The rate-limit policies of API.md. Every policy but api guards an endpoint whose abuse is the attack
 * (guessing passwords, creating accounts, sending mail), so each is keyed by client IP whatever token the
 * request carries, and fails closed when Redis is down; only api is keyed by user.
 */
public enum Policy {
    LOGIN, REGISTER, AUTH, RECOVERY, API;

    public boolean failsClosed() {
        return this != API;
    }

    /** Whether a verified token's subject, rather than the client IP, names the bucket. */
    public boolean keyedByUser() {
        return this == API;
    }

    /** The name in headers, keys and metrics: {@code login}, ... */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
