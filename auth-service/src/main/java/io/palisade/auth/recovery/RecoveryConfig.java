package io.palisade.auth.recovery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Email verification and password reset (API.md "Email verification and password reset"). */
@ConfigMapping(prefix = "palisade.auth")
public interface RecoveryConfig {

    EmailVerification emailVerification();

    PasswordReset passwordReset();

    interface EmailVerification {
        /** Whether an unverified account's correct password is refused with 403 email-unverified. */
        @WithDefault("false")
        boolean required();

        /** How long a verification link works. */
        @WithDefault("P2D")
        Duration ttl();
    }

    interface PasswordReset {
        /** How long a reset link works. */
        @WithDefault("PT30M")
        Duration ttl();
    }
}
