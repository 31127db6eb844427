package io.palisade.auth.registration;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * user-service's internal profile route; only {@link ProfileProvisioning} calls it. Its URL and socket
 * timeouts are {@code quarkus.rest-client.user-service.*}.
 */
@RegisterRestClient(configKey = "user-service")
@Path("/internal/profiles")
interface UserServiceClient {

    record ProfileRequest(String email, String displayName) {
    }

    record EmailRequest(String email) {
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Void> put(@PathParam("id") UUID id, @HeaderParam("Authorization") String bearer, ProfileRequest profile);

    @PUT
    @Path("/{id}/email")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Void> putEmail(@PathParam("id") UUID id, @HeaderParam("Authorization") String bearer, EmailRequest email);

    /** A 4xx is user-service's verdict on this request, not a sign that it is down: it leaves the breaker alone. */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return response.getStatus() >= 500
                ? new ProcessingException("user-service answered " + response.getStatus())
                : new WebApplicationException(response);
    }
}
