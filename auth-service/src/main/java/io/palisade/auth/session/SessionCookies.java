package io.palisade.auth.session;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * The three cookies of API.md, written by hand so that their attributes are exactly the contract's (a
 * cookie builder would add a {@code Version} and reorder). Values are base64url, so they need no quoting.
 */
@ApplicationScoped
class SessionCookies {

    public static final String REFRESH = "refresh_token";
    public static final String CSRF = "csrf_token";
    public static final String DEVICE = "device_token";

    static final long DEVICE_MAX_AGE = 31_536_000;

    /** The refresh token of a session that ends at {@code sessionEnd}: the cookie never outlives it. */
    public String refresh(String value, Instant sessionEnd) {
        return REFRESH + "=" + value + "; Path=/api/auth; Max-Age=" + maxAge(sessionEnd)
                + "; Secure; HttpOnly; SameSite=Strict";
    }

    /** Readable by scripts (no HttpOnly): the frontend echoes it in {@code X-CSRF-Token}. */
    public String csrf(String value, Instant sessionEnd) {
        return CSRF + "=" + value + "; Path=/; Max-Age=" + maxAge(sessionEnd) + "; Secure; SameSite=Strict";
    }

    public String device(String value) {
        return DEVICE + "=" + value + "; Path=/api/auth/login; Max-Age=" + DEVICE_MAX_AGE
                + "; Secure; HttpOnly; SameSite=Strict";
    }

    public String clearRefresh() {
        return REFRESH + "=; Path=/api/auth; Max-Age=0; Secure; HttpOnly; SameSite=Strict";
    }

    public String clearCsrf() {
        return CSRF + "=; Path=/; Max-Age=0; Secure; SameSite=Strict";
    }

    /** Whole seconds until the session ends, rounded up: a fresh session's cookie lives its full lifetime. */
    private static long maxAge(Instant sessionEnd) {
        return Math.max(0, (Duration.between(Instant.now(), sessionEnd).toMillis() + 999) / 1000);
    }
}
