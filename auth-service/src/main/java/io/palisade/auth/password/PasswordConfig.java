package io.palisade.auth.password;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.OptionalInt;

/** Password hashing: Argon2id parameters and the bounded pool it runs on. */
@ConfigMapping(prefix = "palisade.auth.password")
public interface PasswordConfig {

    /** Threads that hash; default: cores − 1, at least 1. */
    OptionalInt hashingPoolSize();

    /** Hashes waiting for a thread before logins get 503; short, so a flood is refused, not queued. */
    @WithDefault("8")
    @Min(0)
    int hashingQueueSize();

    Argon2 argon2();

    /** Argon2id cost. OWASP's floor is m = 19 MiB, t = 2, p = 1; the start-up check refuses less in prod. */
    interface Argon2 {
        /** Memory in KiB. */
        @WithDefault("19456")
        @Min(1024)
        int memoryKib();

        @WithDefault("2")
        @Min(1)
        @Max(10)
        int iterations();

        @WithDefault("1")
        @Min(1)
        @Max(4)
        int parallelism();
    }
}
