package io.palisade.auth.password;

import io.palisade.common.jwt.Roles;
import io.palisade.common.jwt.TokenPolicy;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/auth/password")
@RolesAllowed({Roles.USER, Roles.ADMIN})
class PasswordChangeResource {

    private final PasswordChange change;
    private final JsonWebToken caller;
    private final SecurityIdentity identity;

    PasswordChangeResource(PasswordChange change, JsonWebToken caller, SecurityIdentity identity) {
        this.change = change;
        this.caller = caller;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the caller's password; every other session ends")
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "400", description = "urn:palisade:problem:validation: the new password breaks a rule or equals the current one")
    @APIResponse(responseCode = "401", description = "urn:palisade:problem:unauthenticated")
    @APIResponse(responseCode = "403", description = "urn:palisade:problem:forbidden: the current password is wrong (counted like a failed login)")
    @APIResponse(responseCode = "429", description = "urn:palisade:problem:too-many-requests: the account's login counter is full")
    public Uni<Response> change(@Valid @NotNull PasswordChangeRequest request) {
        return change.change(UUID.fromString(caller.getSubject()), TokenPolicy.sessionOf(identity), request)
                .map(done -> Response.noContent().build());
    }
}
