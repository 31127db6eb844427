package io.palisade.auth.token;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Access-token lifetime (API.md "Access token"). */
@ConfigMapping(prefix = "palisade.auth")
public interface TokenConfig {

    /** Lifetime of an access token; short, because it cannot be revoked. */
    @WithDefault("PT15M")
    Duration accessTokenTtl();
}
