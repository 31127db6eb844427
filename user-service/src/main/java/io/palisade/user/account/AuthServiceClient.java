package io.palisade.user.account;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;

/** auth-service's internal account route; only {@link AccountDeletion} calls it. */
@Path("/internal/accounts")
interface AuthServiceClient {

    @DELETE
    @Path("/{id}")
    Uni<Void> delete(@PathParam("id") UUID id, @HeaderParam("Authorization") String callersBearer);
}
