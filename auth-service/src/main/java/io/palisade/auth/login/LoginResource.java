package io.palisade.auth.login;

import io.palisade.auth.refresh.ClientOfSession;
import io.palisade.auth.refresh.SessionCookies;
import io.palisade.auth.token.TokenResponse;
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
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/auth/login")
@PermitAll
public class LoginResource {

    private final LoginFlow flow;
    private final SessionCookies cookies;

    LoginResource(LoginFlow flow, SessionCookies cookies) {
        this.flow = flow;
        this.cookies = cookies;
    }

    // RestResponse<T>, not Response: Quarkus then sees the body's type and registers it for the native image.
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<TokenResponse>> login(@Valid @NotNull LoginRequest request,
            @CookieParam(SessionCookies.DEVICE) String device, @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        return flow.login(request, device, ClientOfSession.of(userAgent, ClientIps.current())).map(result -> {
            var response = RestResponse.ResponseBuilder.ok(result.body())
                    .header(HttpHeaders.SET_COOKIE, cookies.refresh(result.refreshToken()))
                    .header(HttpHeaders.SET_COOKIE, cookies.csrf(result.body().csrfToken()));
            if (result.newDeviceToken() != null) {
                response.header(HttpHeaders.SET_COOKIE, cookies.device(result.newDeviceToken()));
            }
            return response.build();
        });
    }
}
