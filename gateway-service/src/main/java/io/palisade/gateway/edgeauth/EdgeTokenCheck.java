package io.palisade.gateway.edgeauth;

import io.palisade.common.jwt.TokenPolicy;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The gateway's own verification of a bearer token, with the same smallrye-jwt settings every service uses
 * (issuer, audience, the one algorithm, the cached JWKS) plus the {@code typ} check. Only a token verified
 * here may put a user id into a rate-limit key; the services still verify for themselves.
 */
@ApplicationScoped
public class EdgeTokenCheck {

    private final JWTParser parser;

    EdgeTokenCheck(JWTParser parser) {
        this.parser = parser;
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
        // Parsing may fetch the JWKS over HTTP (on a cold cache or an unknown kid): a worker thread's job.
        return Uni.createFrom().item(() -> verifyNow(token)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private VerifiedToken verifyNow(String token) {
        try {
            JsonWebToken verified = parser.parse(token);
            return verified.getGroups().contains(TokenPolicy.ROLE_SERVICE) ? null
                    : new VerifiedToken(verified.getSubject(), verified.getClaim(TokenPolicy.SESSION_CLAIM));
        } catch (ParseException e) {
            return null;
        }
    }
}
