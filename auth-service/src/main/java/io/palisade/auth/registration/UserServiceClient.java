package io.palisade.auth.registration;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** user-service's internal profile route; only {@link ProfileProvisioning} calls it. */

@Path("/internal/profiles")
interface UserServiceClient {

    record ProfileRequest(String email, String displayName) {
    }

    @PUT
    @Path("/{id}")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    Uni<Void> put(@PathParam("id") UUID id, @HeaderParam("Authorization") String bearer, ProfileRequest profile);
}
