package io.palisade.auth.throttle;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;
import java.time.Duration;

/** Login throttling per account (API.md "Auth"). */
@ConfigMapping(prefix = "palisade.auth.login-throttle")
public interface LoginThrottleConfig {

    /** Failed logins tolerated on one counter within {@link #window()}. */
    @WithDefault("5")
    @Positive
    int maxFailures();

    /** How long failures are remembered, counted from the first; also the longest a lockout lasts. */
    @WithDefault("PT15M")
    Duration window();

    /** How long a Redis call may take before the login answers 503 instead of waiting. */
    @WithDefault("PT2S")
    Duration redisTimeout();
}
