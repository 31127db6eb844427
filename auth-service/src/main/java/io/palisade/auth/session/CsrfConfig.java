package io.palisade.auth.session;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The key of the CSRF values (API.md "Auth"). */
@ConfigMapping(prefix = "palisade.auth.csrf")
public interface CsrfConfig {

    /**
     * Server key (hex or base64, at least 32 bytes) under which a family's csrf value is its HMAC; the same
     * on every replica. Required in prod; dev and test generate a throwaway one.
     */
    Optional<String> secret();
}
