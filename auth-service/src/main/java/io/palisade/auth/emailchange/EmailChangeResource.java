package io.palisade.auth.emailchange;

import io.palisade.common.jwt.Roles;
import io.palisade.common.jwt.TokenPolicy;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
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

/** Email change; the mailed links point at the frontend, which posts their token here. */
@Path("/api/auth/email")
class EmailChangeResource {

    private final EmailChange change;
    private final JsonWebToken caller;
    private final SecurityIdentity identity;

    EmailChangeResource(EmailChange change, JsonWebToken caller, SecurityIdentity identity) {
        this.change = change;
        this.caller = caller;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.USER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask to move the account to a new address, confirmed from that address's mailbox")
    @APIResponse(responseCode = "202", description = "The same answer whether or not the address is taken; a free one gets a confirmation link")
    @APIResponse(responseCode = "400", description = "urn:palisade:problem:validation: not a plain address, or the current one")
    @APIResponse(responseCode = "403", description = "urn:palisade:problem:forbidden: a missing or wrong password or code (counted like a failed login)")
    @APIResponse(responseCode = "429", description = "urn:palisade:problem:too-many-requests: the session's login counter is full")
    public Uni<Response> request(@Valid @NotNull EmailChangeRequest request) {
        return change.request(UUID.fromString(caller.getSubject()), TokenPolicy.sessionOf(identity), request)
                .map(done -> Response.accepted().build());
    }

    @POST
    @Path("/confirm")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm the change with the token of the newest confirmation link")
    @APIResponse(responseCode = "204", description = "The email is the new address, verified; every other session ended; the old address got a revert link")
    @APIResponse(responseCode = "400", description = "urn:palisade:problem:invalid-email-change-token")
    @APIResponse(responseCode = "409", description = "urn:palisade:problem:conflict: another account took the address meanwhile; nothing changed")
    public Uni<Response> confirm(@Valid @NotNull EmailChangeToken request) {
        return change.confirm(request.token()).map(done -> Response.noContent().build());
    }

    @POST
    @Path("/revert")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Undo a confirmed change with the revert link mailed to the old address")
    @APIResponse(responseCode = "204", description = "The old address is back; every session ended; the next login needs a password reset, mailed to it")
    @APIResponse(responseCode = "400", description = "urn:palisade:problem:invalid-email-change-token")
    @APIResponse(responseCode = "409", description = "urn:palisade:problem:conflict: another account holds the old address now; nothing changed")
    public Uni<Response> revert(@Valid @NotNull EmailChangeToken request) {
        return change.revert(request.token()).map(done -> Response.noContent().build());
    }
}
