package io.palisade.auth.login;

import io.palisade.auth.session.ClientOfSession;
import io.palisade.auth.session.SignIn;
import io.palisade.common.clientip.ClientIps;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/auth/login")
@PermitAll
class LoginResource {

    private final LoginFlow flow;
    private final SignIn signIn;

    LoginResource(LoginFlow flow, SignIn signIn) {
        this.flow = flow;
        this.signIn = signIn;
    }

    /** Both bodies are registered for reflection (TokenResponse by the refresh route, MfaChallenge itself). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The password step: a session, or mfaRequired with a token for POST /api/auth/login/mfa")
    @APIResponse(responseCode = "200", description = "The token body and the session cookies, or {mfaRequired, mfaToken, expiresIn} and no cookie")
    @APIResponse(responseCode = "401", description = "urn:palisade:problem:unauthenticated: wrong email or password (the same answer)")
    @APIResponse(responseCode = "429", description = "urn:palisade:problem:too-many-requests: the account's login counter is full")
    public Uni<Response> login(@Valid @NotNull LoginRequest request,
            @CookieParam(SignIn.DEVICE_COOKIE) String device, @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        return flow.login(request, device, ClientOfSession.of(userAgent, ClientIps.current())).map(result ->
                result.challenge() != null
                        ? Response.ok(result.challenge(), MediaType.APPLICATION_JSON_TYPE).build()
                        : signIn.answer(result.session()));
    }
}
