package io.palisade.gateway.ratelimit;

import java.util.Locale;

/** The rate-limit policies of API.md; login, register and auth fail closed when Redis is down. */
public enum Policy {
    LOGIN(true), REGISTER(true), AUTH(true), API(false);

    private final boolean failsClosed;

    Policy(boolean failsClosed) {
        this.failsClosed = failsClosed;
    }

    public boolean failsClosed() {
        return failsClosed;
    }

    /** The name in headers, keys and metrics: {@code login}, ... */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
