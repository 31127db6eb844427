package io.palisade.gateway.edgeauth;

import io.palisade.common.jwt.JwtConfig;
import io.palisade.common.jwt.Roles;
import io.palisade.common.jwt.TokenPolicy;
import io.palisade.common.jwt.VerifiedTokens;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * The gateway's own verification of a bearer token, through the same {@link VerifiedTokens} every service
 * uses (so a repeat is answered on the event loop) plus the {@code typ} check. Only a token verified here may
 * put a user id into a rate-limit key; the services still verify for themselves.
 */
@ApplicationScoped
public class EdgeTokenCheck {

    private final VerifiedTokens tokens;
    private final String userAudience;

    EdgeTokenCheck(VerifiedTokens tokens, JwtConfig config) {
        this.tokens = tokens;
        this.userAudience = config.audience();
    }

    /**
     * A user's token that verified: who, which session minted it (null for a token without {@code sid}), and its
     * {@code groups}, which a route's {@code roles} are checked against.
     */
    public record VerifiedToken(String subject, String sessionId, Set<String> roles) {
    }

    /** The header's verdict, known without verifying a signature; {@code token} null: no token we accept. */
    public record Known(VerifiedToken token) {
        /** No token the gateway accepts: none sent, or one that is no access token. */
        public static final Known NONE = new Known(null);
    }

    /**
     * The verdict when it is known on the spot (no bearer token, a token already verified, one that is no
     * access token), or null when the token's signature must be verified first: a repeat caller, most of
     * them, is answered on the event loop without a reactive pipeline.
     */
    public Known knownNow(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Known.NONE;
        }
        String token = authorization.substring(7).strip();
        // Only access tokens are remembered, so a remembered one needs no typ check.
        VerifiedTokens.Verified seen = tokens.remembered(token);
        if (seen != null) {
            return new Known(asUser(seen));
        }
        return TokenPolicy.isAccessToken(token) ? null : Known.NONE;
    }

    /**
     * The verified user token of a header {@link #knownNow} could not answer (an access token not seen before),
     * or null when it does not verify; the signature is checked on a worker thread.
     */
    public Uni<VerifiedToken> verify(String authorization) {
        String token = authorization.substring(7).strip();
        return Uni.createFrom().item(() -> verifyNow(token)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private VerifiedToken verifyNow(String token) {
        try {
            return asUser(tokens.verify(token));
        } catch (ParseException e) {
            return null;
        }
    }

    /**
     * A token acts as a user by its audience, as every service decides it, and only with a user's role: a
     * service token, or one whose groups grant no user role, is no user's.
     */
    private VerifiedToken asUser(VerifiedTokens.Verified verified) {
        if (!TokenPolicy.actsAsUser(verified.token().getAudience(), userAudience)) {
            return null;
        }
        Set<String> groups = verified.token().getGroups() == null ? Set.of() : Set.copyOf(verified.token().getGroups());
        return Roles.OF_USERS.stream().noneMatch(groups::contains) ? null
                : new VerifiedToken(verified.token().getSubject(), verified.sessionId(), groups);
    }
}
