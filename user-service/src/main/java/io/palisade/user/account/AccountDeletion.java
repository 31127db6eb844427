package io.palisade.user.account;

import io.palisade.common.events.SecurityEvent;
import io.palisade.common.events.SecurityEvents;
import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.palisade.user.profile.ProfileService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Deleting an account deletes it everywhere: auth-service first (credentials and every session), with the
 * caller's own access token passed through so user-service needs no key of its own; only once auth-service
 * confirmed does the profile go. If auth-service cannot be reached, nothing is deleted and the answer is 503.
 * The call to auth-service is never retried (the user repeats a deletion that failed); while auth-service
 * keeps failing, the breaker answers at once instead of after the timeout. Both are configurable as
 * {@code quarkus.fault-tolerance."<this class>/deleteInAuthService".*}.
 */
@ApplicationScoped
class AccountDeletion {

    private final AuthServiceClient auth;
    private final ProfileService profiles;
    private final SecurityEvents events;

    AccountDeletion(@RestClient AuthServiceClient auth, ProfileService profiles, SecurityEvents events) {
        this.auth = auth;
        this.profiles = profiles;
        this.events = events;
    }

    public Uni<Void> delete(UUID id, String callersBearer) {
        return deleteInAuthService(id, callersBearer)
                .onFailure().transform(AccountDeletion::asProblem)
                .chain(() -> profiles.delete(id))
                .invoke(deleted -> events.record(SecurityEvent.ACCOUNT_DELETED, Map.of("accountId", id.toString())))
                .replaceWithVoid();
    }

    /** Called on this bean's own proxy, so the timeout and the breaker apply (ArC intercepts self-invocation). */
    @Timeout(5000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000, successThreshold = 2,
            skipOn = WebApplicationException.class)
    Uni<Void> deleteInAuthService(UUID id, String callersBearer) {
        return auth.delete(id, callersBearer);
    }

    private static Throwable asProblem(Throwable failure) {
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            // auth-service refused the caller's token: pass its verdict on rather than pretend an outage.
            int status = web.getResponse().getStatus();
            return new ProblemException(status == 401 ? ProblemKind.UNAUTHENTICATED : ProblemKind.FORBIDDEN,
                    "auth-service refused to delete this account.");
        }
        return ProblemException.dependencyUnavailable(
                "Account deletion is unavailable right now; nothing was deleted.");
    }
}
