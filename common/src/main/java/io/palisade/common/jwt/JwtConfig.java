package io.palisade.common.jwt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Optional;

/**
 * How every service verifies access tokens (API.md "Access token"). smallrye-jwt reads the same values
 * through the {@code mp.jwt.*} keys that common's microprofile-config.properties derives from these.
 */
@ConfigMapping(prefix = "palisade.jwt")
public interface JwtConfig {

    /** The {@code iss} every token must carry. */
    @WithDefault("palisade")
    @NotBlank
    String issuer();

    /** The {@code aud} of user access tokens, accepted on public routes. */
    @WithDefault("palisade-api")
    @NotBlank
    String audience();

    /** The one signature algorithm of the deployment; every other one, {@code none} and HS256 included, fails. */
    @WithDefault("RS256")
    @Pattern(regexp = "RS256|ES256|EdDSA", message = "must be RS256, ES256 or EdDSA")
    String algorithm();

    /** Where auth-service publishes its public keys. */
    @WithDefault("http://localhost:8081/.well-known/jwks.json")
    @NotBlank
    String jwksUrl();

    /**
     * The audience of service tokens addressed to this service, for its {@code /internal/**} routes; empty
     * where the service takes no service tokens.
     */
    Optional<String> serviceAudience();
}
