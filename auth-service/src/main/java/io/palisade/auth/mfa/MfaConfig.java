package io.palisade.auth.mfa;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** The second factor (API.md "Second factor (TOTP)"). */
@ConfigMapping(prefix = "palisade.auth.mfa")
public interface MfaConfig {

    /** The issuer an authenticator app shows next to the account. */
    @WithDefault("Palisade")
    String issuer();

    /** How long the step between password and code may take. */
    @WithDefault("PT5M")
    Duration challengeTtl();

    /** Wrong codes one challenge takes before it dies. */
    @WithDefault("5")
    @Min(1)
    @Max(20)
    int maxCodesPerChallenge();
}
