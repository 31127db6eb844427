package io.palisade.auth.admin;

import io.palisade.common.jwt.Roles;
import io.palisade.common.validation.PathIds;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Admin actions on an account; anyone else gets 403. An unknown or malformed id is a 404. */
@Path("/api/auth/admin/accounts/{id}")
@RolesAllowed(Roles.ADMIN)
class AccountAdminResource {

    private final AccountAdmin admin;
    private final JsonWebToken caller;

    AccountAdminResource(AccountAdmin admin, JsonWebToken caller) {
        this.admin = admin;
        this.caller = caller;
    }

    @POST
    @Path("/lock")
    @Operation(summary = "Lock the account: no login, refresh or password reset; every session ends")
    @APIResponse(responseCode = "204", description = "Locked")
    @APIResponse(responseCode = "403", description = "urn:palisade:problem:forbidden: not an admin")
    @APIResponse(responseCode = "404", description = "urn:palisade:problem:not-found")
    public Uni<Response> lock(@PathParam("id") String id) {
        return admin.lock(accountId(id), caller.getSubject()).map(done -> Response.noContent().build());
    }

    @POST
    @Path("/unlock")
    @Operation(summary = "Unlock the account")
    @APIResponse(responseCode = "204", description = "Unlocked")
    @APIResponse(responseCode = "403", description = "urn:palisade:problem:forbidden: not an admin")
    @APIResponse(responseCode = "404", description = "urn:palisade:problem:not-found")
    public Uni<Response> unlock(@PathParam("id") String id) {
        return admin.unlock(accountId(id), caller.getSubject()).map(done -> Response.noContent().build());
    }

    @DELETE
    @Path("/sessions")
    @Operation(summary = "End every session of the account")
    @APIResponse(responseCode = "204", description = "Ended")
    @APIResponse(responseCode = "403", description = "urn:palisade:problem:forbidden: not an admin")
    @APIResponse(responseCode = "404", description = "urn:palisade:problem:not-found")
    public Uni<Response> endSessions(@PathParam("id") String id) {
        return admin.endSessions(accountId(id), caller.getSubject()).map(done -> Response.noContent().build());
    }

    @DELETE
    @Path("/mfa")
    @Operation(summary = "Remove the account's second factor: its owner signs in with the password alone")
    @APIResponse(responseCode = "204", description = "Removed (or there was none)")
    @APIResponse(responseCode = "403", description = "urn:palisade:problem:forbidden: not an admin")
    @APIResponse(responseCode = "404", description = "urn:palisade:problem:not-found")
    public Uni<Response> removeSecondFactor(@PathParam("id") String id) {
        return admin.removeSecondFactor(accountId(id), caller.getSubject()).map(done -> Response.noContent().build());
    }

    private static UUID accountId(String id) {
        return PathIds.uuid(id, "id");
    }
}
