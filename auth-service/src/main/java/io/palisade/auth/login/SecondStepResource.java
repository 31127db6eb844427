package io.palisade.auth.login;

import io.palisade.auth.session.ClientOfSession;
import io.palisade.auth.session.SignIn;
import io.palisade.common.clientip.ClientIps;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/auth/login/mfa")
@PermitAll
class SecondStepResource {

    private final SecondStep step;
    private final SignIn signIn;

    SecondStepResource(SecondStep step, SignIn signIn) {
        this.step = step;
        this.signIn = signIn;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The code step: {mfaToken, code} or {mfaToken, recoveryCode}; amr becomes [pwd, otp]")
    @APIResponse(responseCode = "200", description = "The token body and the session cookies")
    @APIResponse(responseCode = "400", description = "urn:palisade:problem:validation: neither or both of code and recoveryCode")
    @APIResponse(responseCode = "401", description = "urn:palisade:problem:unauthenticated: a wrong or spent code, or a dead mfaToken")
    @APIResponse(responseCode = "429", description = "urn:palisade:problem:too-many-requests: the login counter is full")
    public Uni<Response> complete(@Valid @NotNull SecondStepRequest request,
            @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        return step.complete(request, ClientOfSession.of(userAgent, ClientIps.current()))
                .map(signIn::answer);
    }
}
