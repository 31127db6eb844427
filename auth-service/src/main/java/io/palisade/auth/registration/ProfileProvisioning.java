package io.palisade.auth.registration;

import io.palisade.auth.token.AccessTokenIssuer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Creates a user's profile in user-service, and moves its email after a confirmed change, authenticated by a fresh
 * 60-second service token. Creation is never retried: a registration whose profile failed is undone and answered
 * 503, and the user tries again.
 * While user-service keeps failing, the breaker answers at once instead of holding every registration for
 * the whole timeout. Both are configurable as {@code quarkus.fault-tolerance."<this class>/create".*}.
 */
@ApplicationScoped
public class ProfileProvisioning {

    private final UserServiceClient client;
    private final AccessTokenIssuer issuer;

    ProfileProvisioning(@RestClient UserServiceClient client, AccessTokenIssuer issuer) {
        this.client = client;
        this.issuer = issuer;
    }

    @Timeout(5000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000, successThreshold = 2,
            skipOn = WebApplicationException.class)
    public Uni<Void> create(UUID accountId, String email, String displayName) {
        return client.put(accountId, "Bearer " + issuer.forService("user-service"),
                new UserServiceClient.ProfileRequest(email, displayName));
    }

    /** The profile's copy of the account's email, after the account moved to {@code email}. */
    @Timeout(5000)
    public Uni<Void> moveEmail(UUID accountId, String email) {
        return client.putEmail(accountId, "Bearer " + issuer.forService("user-service"),
                new UserServiceClient.EmailRequest(email));
    }
}
