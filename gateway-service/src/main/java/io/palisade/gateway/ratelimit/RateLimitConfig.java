package io.palisade.gateway.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * API.md "Gateway policies": rate limiting as a whole, and the budgets of Palisade's own five policies under the
 * keys the contract names for them. Their entries in {@link PolicyConfig} read these keys, so a budget set here
 * is the policy's, and a value out of bounds stops start-up naming this key.
 */
@ConfigMapping(prefix = "palisade.gateway.rate-limit")
public interface RateLimitConfig {

    @WithDefault("true")
    boolean enabled();

    /**
     * Whether the policies that pass requests while Redis is unavailable ({@code when-redis-down=open}, the api
     * policy among them) do; false closes them all. The auth policies never do.
     */
    @WithDefault("true")
    boolean failOpen();

    /** How long one Redis check may take before the request is treated as "Redis unavailable". */
    @WithDefault("PT1S")
    Duration redisTimeout();

    Limit login();

    Limit register();

    Limit auth();

    Limit recovery();

    Limit api();

    /**
     * One policy's budget. The bounds keep GCRA's emission interval (window / limit) at a microsecond or more,
     * well above the resolution of the millisecond timestamps Redis stores, so no configuration can make the
     * limiter's arithmetic degenerate and turn every check into an error.
     */
    interface Limit {
        @Min(1)
        @Max(1_000_000)
        int limit();

        @DurationMin(seconds = 1)
        @DurationMax(days = 1)
        Duration window();
    }
}
