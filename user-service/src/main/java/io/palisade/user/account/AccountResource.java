package io.palisade.user.account;

import io.palisade.common.jwt.Roles;
import io.palisade.user.ownership.OwnershipCheck;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** Deleting an account (self or admin, via {@link OwnershipCheck}): everywhere, or nowhere. */
@Path("/api/users")
@RolesAllowed({Roles.USER, Roles.ADMIN})
class AccountResource {

    private final AccountDeletion deletion;

    AccountResource(AccountDeletion deletion) {
        this.deletion = deletion;
    }

    @DELETE
    @Path("/{" + OwnershipCheck.ID_PARAMETER + "}")
    public Uni<Response> delete(@PathParam(OwnershipCheck.ID_PARAMETER) String id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String bearer) {
        return deletion.delete(OwnershipCheck.parse(id), bearer).map(done -> Response.noContent().build());
    }
}
