package io.palisade.gateway.edgeauth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.common.jwt.TokenPolicy;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The gateway's own verification of a bearer token, with the same smallrye-jwt settings every service uses
 * (issuer, audience, the one algorithm, the cached JWKS) plus the {@code typ} check. Only a token verified
 * here may put a user id into a rate-limit key; the services still verify for themselves.
 *
 * <p>A client sends the same token for up to 15 minutes, so a verified token is remembered (by its SHA-256,
 * never the token itself) until its {@code exp}: a repeat costs a hash and a map look-up on the event loop
 * instead of an RSA verification and two thread hand-offs. Only verdicts of acceptance are remembered, so a
 * forged token is checked again each time; revocation is not cached here and is checked per request.
 */
@ApplicationScoped
public class EdgeTokenCheck {

    private static final int REMEMBERED = 20_000;

    /** A verified token and the epoch second it expires at. */
    private record Remembered(VerifiedToken token, long expiresAt) {
    }

    private final JWTParser parser;
    private final Cache<String, Remembered> verified = Caffeine.newBuilder().maximumSize(REMEMBERED)
            .expireAfter(Expiry.<String, Remembered>creating((key, entry) ->
                    Duration.ofSeconds(Math.max(0, entry.expiresAt() - Instant.now().getEpochSecond()))))
            .build();

    private final Counter signatureChecks;

    EdgeTokenCheck(JWTParser parser, MeterRegistry registry) {
        this.parser = parser;
        this.signatureChecks = Counter.builder("palisade.gateway.token.signature.checks")
                .description("Bearer tokens the gateway verified in full (not remembered from an earlier request)")
                .register(registry);
    }

    /** A user's token that verified: who, and which session minted it (null for a token without {@code sid}). */
    public record VerifiedToken(String subject, String sessionId) {
    }

    /** The verified user token of the header, or null when the header holds no token we accept. */
    public Uni<VerifiedToken> verify(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Uni.createFrom().nullItem();
        }
        String token = authorization.substring(7).strip();
        if (!TokenPolicy.isAccessToken(token)) {
            return Uni.createFrom().nullItem();
        }
        String key = sha256(token);
        Remembered seen = verified.getIfPresent(key);
        if (seen != null && seen.expiresAt() > Instant.now().getEpochSecond()) {
            return Uni.createFrom().item(seen.token());
        }
        // Parsing may fetch the JWKS over HTTP (on a cold cache or an unknown kid): a worker thread's job.
        return Uni.createFrom().item(() -> verifyNow(token, key)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private VerifiedToken verifyNow(String token, String key) {
        signatureChecks.increment();
        try {
            JsonWebToken parsed = parser.parse(token);
            if (parsed.getGroups().contains(TokenPolicy.ROLE_SERVICE)) {
                return null;
            }
            VerifiedToken accepted = new VerifiedToken(parsed.getSubject(), parsed.getClaim(TokenPolicy.SESSION_CLAIM));
            verified.put(key, new Remembered(accepted, parsed.getExpirationTime()));
            return accepted;
        } catch (ParseException e) {
            return null;
        }
    }

    private static String sha256(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
