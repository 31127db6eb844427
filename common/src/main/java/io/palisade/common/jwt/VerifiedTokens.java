package io.palisade.common.jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The one verification of access tokens in every service: smallrye-jwt's checks (the one algorithm, issuer,
 * audience, expiry, the cached JWKS), remembered per token.
 *
 * <p>A client sends the same token for up to 15 minutes, so a verified token is remembered (by its SHA-256,
 * never the token itself) until its {@code exp}: a repeat costs a hash and a map look-up on the calling event
 * loop instead of an RSA verification on a worker thread. Only accepted access tokens are remembered, so a forged or
 * altered token (another hash) is verified in full every time. What can change while a token lives, its
 * session's revocation, is not part of this verdict: {@link TokenPolicy} checks it on every request. A key
 * withdrawn from the JWKS stops new tokens at once and remembered ones at their {@code exp} (15 minutes).
 */
@ApplicationScoped
public class VerifiedTokens {

    private static final int REMEMBERED = 20_000;
    private static final MessageDigest SHA_256 = sha256Prototype();

    /**
     * A token that verified, with what every request reads besides the token itself, taken out once: its
     * session id (smallrye-jwt answers a claim outside MicroProfile's {@code Claims} enum by catching an
     * {@code IllegalArgumentException}, a stack trace per read) and whether it is an access token.
     */
    public record Verified(JsonWebToken token, String sessionId, boolean accessToken) {
    }

    private record Remembered(Verified verified, long expiresAt) {
    }

    private final JWTParser parser;
    private final Cache<String, Remembered> verified = Caffeine.newBuilder().maximumSize(REMEMBERED)
            .expireAfter(Expiry.<String, Remembered>creating((key, entry) ->
                    Duration.ofSeconds(Math.max(0, entry.expiresAt() - Instant.now().getEpochSecond()))))
            .build();
    private final Counter signatureChecks;

    VerifiedTokens(JWTParser parser, MeterRegistry registry) {
        this.parser = parser;
        this.signatureChecks = Counter.builder("palisade.token.signature.checks")
                .description("Bearer tokens verified in full (not remembered from an earlier request)")
                .register(registry);
    }

    /** The access token as verified earlier and not expired since, or null: never blocks. */
    public Verified remembered(String token) {
        Remembered seen = verified.getIfPresent(sha256(token));
        return seen != null && seen.expiresAt() > Instant.now().getEpochSecond() ? seen.verified() : null;
    }

    /**
     * Verifies the token in full and remembers it when it passes. May fetch the JWKS over HTTP (a cold
     * cache, an unknown {@code kid}), so it runs on a worker thread.
     */
    public Verified verify(String token) throws ParseException {
        signatureChecks.increment();
        JsonWebToken parsed = parser.parse(token);
        Verified result = new Verified(parsed, parsed.getClaim(TokenPolicy.SESSION_CLAIM), TokenPolicy.isAccessToken(token));
        // A token without typ at+jwt is refused on every request anyway: no room is spent on it.
        if (result.accessToken()) {
            verified.put(sha256(token), new Remembered(result, parsed.getExpirationTime()));
        }
        return result;
    }

    /** The cache key: the token's SHA-256 as a 32-character string, from a cloned digest (no provider look-up). */
    private static String sha256(String token) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
        return new String(digest.digest(token.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.ISO_8859_1);
    }

    private static MessageDigest sha256Prototype() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
