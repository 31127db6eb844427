package io.palisade.auth.token;

import io.palisade.common.jwt.JwtConfig;
import io.palisade.common.jwt.TokenPolicy;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

/**
 * Signs RFC 9068 access tokens: {@code typ at+jwt}, {@code kid}, and only iss/aud/sub/groups/iat/exp/jti, so
 * a token carries no personal data. Signing is microseconds of CPU, fine on the calling thread.
 */
@ApplicationScoped
public class AccessTokenIssuer {

    /** Lifetime of the service tokens auth-service mints for its own calls. */
    static final Duration SERVICE_TOKEN_TTL = Duration.ofSeconds(60);

    private final SigningKeys keys;
    private final JwtConfig jwt;
    private final TokenConfig config;

    AccessTokenIssuer(SigningKeys keys, JwtConfig jwt, TokenConfig config) {
        this.keys = keys;
        this.jwt = jwt;
        this.config = config;
    }

    public record IssuedToken(String value, long expiresInSeconds) {
        @Override
        public String toString() {
            return "IssuedToken[expiresIn=" + expiresInSeconds + "]";
        }
    }

    public IssuedToken forUser(UUID subject, List<String> groups) {
        return new IssuedToken(sign(subject.toString(), jwt.audience(), groups, config.accessTokenTtl()),
                config.accessTokenTtl().toSeconds());
    }

    /** A 60-second token for auth-service's own call to {@code audience} (API.md "Service tokens"). */
    public String forService(String audience) {
        return sign("auth-service", audience, List.of(TokenPolicy.ROLE_SERVICE), SERVICE_TOKEN_TTL);
    }

    private String sign(String subject, String audience, List<String> groups, Duration ttl) {
        Instant now = Instant.now();
        return Jwt.issuer(jwt.issuer())
                .audience(audience)
                .subject(subject)
                .groups(new HashSet<>(groups))
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .claim("jti", UUID.randomUUID().toString())
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .keyId(keys.signingKid())
                .type(TokenPolicy.ACCESS_TOKEN_TYPE)
                .sign(keys.signingKey());
    }
}
