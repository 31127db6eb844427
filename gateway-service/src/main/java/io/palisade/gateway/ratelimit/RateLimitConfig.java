package io.palisade.gateway.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;
import java.time.Duration;

/** API.md "Gateway policies": limits per policy, shared by every replica through Redis. */
@ConfigMapping(prefix = "palisade.gateway.rate-limit")
public interface RateLimitConfig {

    @WithDefault("true")
    boolean enabled();

    /** Whether the api policy lets requests through while Redis is unavailable (auth policies never do). */
    @WithDefault("true")
    boolean failOpen();

    /** How long one Redis check may take before the request is treated as "Redis unavailable". */
    @WithDefault("PT1S")
    Duration redisTimeout();

    Limit login();

    Limit register();

    Limit auth();

    Limit api();

    interface Limit {
        @Positive
        int limit();

        Duration window();
    }
}
