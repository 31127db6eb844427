package io.palisade.auth.recovery;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Password reset; the mailed link points at the frontend, which posts the token to {@code /confirm}. */
@Path("/api/auth/password-reset")
@PermitAll
class PasswordResetResource {

    static final Map<String, String> ACCEPTED = Map.of("message",
            "If an account uses this address, a link to reset its password is on its way.");

    private final PasswordReset reset;

    PasswordResetResource(PasswordReset reset) {
        this.reset = reset;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask for a reset link; the same answer, in the same time, for any address")
    @APIResponse(responseCode = "202", description = "{message}, whether or not the account exists")
    public Uni<Response> request(@Valid @NotNull ResetRequest request) {
        return reset.request(request.email()).map(recorded -> Response.accepted(ACCEPTED).build());
    }

    @POST
    @Path("/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a new password with the token of the newest reset link; every session ends")
    @APIResponse(responseCode = "204", description = "Replaced")
    @APIResponse(responseCode = "400", description = "urn:palisade:problem:invalid-reset-token, or urn:palisade:problem:validation for the password")
    public Uni<Response> confirm(@Valid @NotNull ResetConfirmation request) {
        return reset.confirm(request.token(), request.newPassword()).map(done -> Response.noContent().build());
    }
}
