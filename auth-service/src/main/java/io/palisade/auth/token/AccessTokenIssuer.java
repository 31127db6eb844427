package io.palisade.auth.token;

import io.palisade.common.jwt.Roles;
import io.palisade.auth.account.Account;
import io.palisade.common.jwt.JwtConfig;
import io.palisade.common.jwt.TokenPolicy;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Signs RFC 9068 access tokens: {@code typ at+jwt}, {@code kid}, and only iss/aud/sub/groups/iat/exp/jti plus,
 * for a user, the session ({@code sid}), how they authenticated ({@code amr}, RFC 8176) and
 * {@code email_verified}, so a token carries no personal data. Signing is microseconds of CPU, fine on the
 * calling thread.
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

    /** A token of {@code account}, minted by session {@code sessionId} (the refresh family), which {@code amr} opened. */
    public IssuedToken forUser(Account account, UUID sessionId, List<String> amr) {
        Map<String, Object> claims = Map.of(TokenPolicy.SESSION_CLAIM, sessionId.toString(),
                "amr", amr, "email_verified", account.emailVerified());
        return new IssuedToken(sign(account.id().toString(), jwt.audience(), account.groups(), config.accessTokenTtl(),
                claims), config.accessTokenTtl().toSeconds());
    }

    /** A 60-second token for auth-service's own call to {@code audience} (API.md "Service tokens"). */
    public String forService(String audience) {
        return sign("auth-service", audience, List.of(Roles.SERVICE), SERVICE_TOKEN_TTL, Map.of());
    }

    private String sign(String subject, String audience, List<String> groups, Duration ttl, Map<String, Object> claims) {
        Instant now = Instant.now();
        JwtClaimsBuilder builder = Jwt.issuer(jwt.issuer())
                .audience(audience)
                .subject(subject)
                .groups(new HashSet<>(groups))
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .claim("jti", UUID.randomUUID().toString());
        claims.forEach(builder::claim);
        return builder.jws()
                .algorithm(SignatureAlgorithm.RS256)
                .keyId(keys.signingKid())
                .type(TokenPolicy.ACCESS_TOKEN_TYPE)
                .sign(keys.signingKey());
    }
}
