package io.palisade.auth.recovery;

import io.palisade.common.jwt.Roles;
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

/** Email verification; the mailed link points at the frontend, which posts the token here. */
@Path("/api/auth/email")
@PermitAll
class EmailVerificationResource {

    private final EmailVerification verification;
    private final JsonWebToken caller;

    EmailVerificationResource(EmailVerification verification, JsonWebToken caller) {
        this.verification = verification;
        this.caller = caller;
    }

    @POST
    @Path("/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify the email with the token of the newest mailed link")
    @APIResponse(responseCode = "204", description = "Verified; later access tokens carry email_verified: true")
    @APIResponse(responseCode = "400", description = "urn:palisade:problem:invalid-verification-token")
    public Uni<Response> verify(@Valid @NotNull TokenRequest request) {
        return verification.verify(request.token()).map(done -> Response.noContent().build());
    }

    @POST
    @Path("/verification")
    @RolesAllowed({Roles.USER, Roles.ADMIN})
    @Operation(summary = "Mail a new verification link; older links stop working")
    @APIResponse(responseCode = "202", description = "Queued")
    @APIResponse(responseCode = "429", description = "urn:palisade:problem:too-many-requests: 3 mails an hour per account")
    public Uni<Response> resend() {
        return verification.resend(UUID.fromString(caller.getSubject())).map(done -> Response.accepted().build());
    }
}
