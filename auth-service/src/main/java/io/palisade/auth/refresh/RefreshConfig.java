package io.palisade.auth.refresh;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Refresh-token families (API.md "Auth"). */
@ConfigMapping(prefix = "palisade.auth")
public interface RefreshConfig {

    /** How long a family lives after its last rotation; also the refresh and csrf cookies' Max-Age. */
    @WithDefault("P7D")
    Duration refreshTokenTtl();

    RefreshToken refreshToken();

    Csrf csrf();

    interface RefreshToken {
        /** How long after a rotation the token just rotated may still be presented by another tab. */
        @WithDefault("PT5S")
        Duration reuseLeeway();
    }

    interface Csrf {
        /**
         * Server key (hex or base64, at least 32 bytes) under which a family's csrf value is its HMAC; the same
         * on every replica. Required in prod; dev and test generate a throwaway one.
         */
        Optional<String> secret();
    }
}
