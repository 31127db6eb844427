package io.palisade.common.jwt;

import io.smallrye.config.ConfigMapping;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Optional;

/**
 * How every service verifies access tokens (API.md "Access token"). The defaults are stated once, in common's
 * microprofile-config.properties, which also derives smallrye-jwt's {@code mp.jwt.*} keys from these.
 */
@ConfigMapping(prefix = "palisade.jwt")
public interface JwtConfig {

    /** The {@code iss} every token must carry. */
    @NotBlank
    String issuer();

    /** The {@code aud} of user access tokens, accepted on public routes. */
    @NotBlank
    String audience();

    /** The one signature algorithm of the deployment; every other one, {@code none} and HS256 included, fails. */
    @Pattern(regexp = "RS256|ES256|EdDSA", message = "must be RS256, ES256 or EdDSA")
    String algorithm();

    /** Where auth-service publishes its public keys. */
    @NotBlank
    String jwksUrl();

    /**
     * The audience of service tokens addressed to this service, for its {@code /internal/**} routes; empty
     * where the service takes no service tokens.
     */
    Optional<String> serviceAudience();
}
