package io.palisade.auth.session;

import io.palisade.auth.revocation.RevocationReason;
import io.palisade.auth.revocation.Revocations;
import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * An owner's view of their sessions. Every query is scoped by the caller's account, so another user's
 * session is not found rather than refused: the same 404 as an id that never existed.
 */
@ApplicationScoped
public class Sessions {

    private final RefreshTokenRepository families;
    private final Revocations revocations;

    Sessions(RefreshTokenRepository families, Revocations revocations) {
        this.families = families;
        this.revocations = revocations;
    }

    public Uni<SessionList> list(UUID accountId, UUID currentSession) {
        return families.liveFamilies(accountId).map(live -> new SessionList(live.stream()
                .map(family -> new SessionView(family.id().toString(), family.createdAt().toInstant(),
                        family.lastUsedAt().toInstant(), family.expiresAt().toInstant(), family.userAgent(),
                        family.ipPrefix(),
                        family.id().equals(currentSession)))
                .toList()));
    }

    public Uni<Void> end(UUID accountId, UUID sessionId) {
        return revocations.accountsFamily(accountId, sessionId, RevocationReason.USER).map(ended -> {
            if (!ended) {
                throw new ProblemException(ProblemKind.NOT_FOUND, "No such session.");
            }
            return null;
        });
    }

    /**
     * The login-throttle counter that re-authentications made from session {@code sessionId} count on: the
     * counter of the device that signed in to it; null when the session has none recorded.
     */
    public Uni<String> throttleCounterOf(UUID sessionId) {
        return families.throttleCounterOf(sessionId);
    }

    public Uni<Void> endAll(UUID accountId) {
        return revocations.account(accountId, null, RevocationReason.ALL).replaceWithVoid();
    }
}
