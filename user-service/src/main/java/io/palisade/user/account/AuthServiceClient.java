package io.palisade.user.account;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * auth-service's internal account route; only {@link AccountDeletion} calls it. Its URL and socket timeouts
 * are {@code quarkus.rest-client.auth-service.*}.
 */
@RegisterRestClient(configKey = "auth-service")
@Path("/internal/accounts")
interface AuthServiceClient {

    @DELETE
    @Path("/{id}")
    Uni<Void> delete(@PathParam("id") UUID id, @HeaderParam("Authorization") String callersBearer);

    /** A 4xx is auth-service's verdict on the caller's token, not a sign that it is down: it leaves the breaker alone. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return response.getStatus() >= 500
                ? new ProcessingException("auth-service answered " + response.getStatus())
                : new WebApplicationException(response);
    }
}
