package io.palisade.auth.registration;

import io.palisade.auth.token.AccessTokenIssuer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Creates a user's profile in user-service, authenticated by a fresh 60-second service token. */
@ApplicationScoped
public class ProfileProvisioning {

    /** The whole call, connection included, ends within this; the caller then answers 503. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final UserServiceClient client;
    private final AccessTokenIssuer issuer;

    ProfileProvisioning(UserServiceConfig config, AccessTokenIssuer issuer) {
        this.client = QuarkusRestClientBuilder.newBuilder()
                .baseUri(config.userServiceUrl())
                .connectTimeout(2, TimeUnit.SECONDS)
                .readTimeout(4, TimeUnit.SECONDS)
                .build(UserServiceClient.class);
        this.issuer = issuer;
    }

    public Uni<Void> create(UUID accountId, String email, String displayName) {
        return client.put(accountId, "Bearer " + issuer.forService("user-service"),
                        new UserServiceClient.ProfileRequest(email, displayName))
                .ifNoItem().after(TIMEOUT).fail();
    }
}
