package io.palisade.auth.session;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Refresh-token families (API.md "Auth"). */
@ConfigMapping(prefix = "palisade.auth")
public interface RefreshConfig {

    /**
     * How long a family lives after its last rotation (the idle timeout); also the refresh and csrf cookies'
     * Max-Age, unless the session's absolute lifetime ends sooner.
     */
    @WithDefault("P7D")
    Duration refreshTokenTtl();

    RefreshToken refreshToken();

    Session session();

    interface Session {
        /** How long a family lives after its login, whatever its refreshes (ASVS 7.3.2). */
        @WithDefault("P30D")
        Duration absoluteLifetime();
    }

    interface RefreshToken {
        /** How long after a rotation the token just rotated may still be presented by another tab. */
        @WithDefault("PT5S")
        Duration reuseLeeway();
    }
}
