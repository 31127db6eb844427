package io.palisade.gateway.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * Rate-limit policies, {@code palisade.gateway.policies.<name>.*} (API.md "Routes to your own services"). Palisade's
 * own five are entries of this map like a user's, written in the gateway's application.properties.
 */
@ConfigMapping(prefix = "palisade.gateway")
public interface PolicyConfig {

    /** The policies by name: lower-case letters and digits, so each key has one environment-variable spelling. */
    Map<String, Spec> policies();

    /**
     * One policy. The bounds keep GCRA's emission interval (window / limit) at a microsecond or more, well above
     * the resolution of the millisecond timestamps Redis stores, so no configuration can make the limiter's
     * arithmetic degenerate and turn every check into an error.
     */
    interface Spec {
        @Min(1)
        @Max(1_000_000)
        int limit();

        @DurationMin(seconds = 1)
        @DurationMax(days = 1)
        Duration window();

        /** {@code ip}, or {@code user}: the {@code sub} of a token the gateway verified, else the client IP. */
        @WithDefault("user")
        Key key();

        /** Whether requests pass ({@code open}) or get 503 ({@code closed}) while Redis does not answer. */
        @WithDefault("open")
        WhenRedisDown whenRedisDown();

        /**
         * Units a replica takes from the Redis bucket at once and admits from locally (API.md, "lease"): at most a
         * tenth of the limit, and only for a user-keyed, open policy; 1 (the default) asks Redis on every request.
         */
        @WithDefault("1")
        @Min(1)
        int lease();
    }

    enum Key {
        IP, USER
    }

    enum WhenRedisDown {
        OPEN, CLOSED
    }
}
