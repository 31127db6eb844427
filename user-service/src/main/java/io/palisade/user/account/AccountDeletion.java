package io.palisade.user.account;

import io.palisade.common.events.SecurityEvent;
import io.palisade.common.events.SecurityEvents;
import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.palisade.user.profile.ProfileRepository;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Deleting an account deletes it everywhere: auth-service first (credentials and every session), with the
 * caller's own access token passed through so user-service needs no key of its own; only once auth-service
 * confirmed does the profile go. If auth-service cannot be reached, nothing is deleted and the answer is 503.
 */
@ApplicationScoped
public class AccountDeletion {

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final AuthServiceClient auth;
    private final ProfileRepository profiles;
    private final SecurityEvents events;

    AccountDeletion(UserConfig config, ProfileRepository profiles, SecurityEvents events) {
        this.auth = QuarkusRestClientBuilder.newBuilder()
                .baseUri(config.authServiceUrl())
                .connectTimeout(2, TimeUnit.SECONDS)
                .readTimeout(4, TimeUnit.SECONDS)
                .build(AuthServiceClient.class);
        this.profiles = profiles;
        this.events = events;
    }

    public Uni<Void> delete(UUID id, String callersBearer) {
        return auth.delete(id, callersBearer)
                .ifNoItem().after(TIMEOUT).fail()
                .onFailure().transform(AccountDeletion::asProblem)
                .chain(() -> profiles.delete(id))
                .invoke(deleted -> events.record(SecurityEvent.ACCOUNT_DELETED, Map.of("accountId", id.toString())))
                .replaceWithVoid();
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
