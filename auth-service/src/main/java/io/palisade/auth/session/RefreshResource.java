package io.palisade.auth.session;

import io.palisade.auth.token.TokenResponse;
import io.palisade.common.clientip.ClientIps;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.RestResponse;

/** The routes that work with the refresh cookie; none takes a body. */
@Path("/api/auth")
@PermitAll
class RefreshResource {

    private final RefreshFlow flow;
    private final SessionCookies cookies;

    RefreshResource(RefreshFlow flow, SessionCookies cookies) {
        this.flow = flow;
        this.cookies = cookies;
    }

    @POST
    @Path("/refresh")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<TokenResponse>> refresh(@CookieParam(SessionCookies.REFRESH) String refreshToken,
            @HeaderParam(CsrfTokens.HEADER) String csrf, @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        return flow.refresh(refreshToken, csrf, ClientOfSession.of(userAgent, ClientIps.current())).map(refreshed -> {
            var response = RestResponse.ResponseBuilder.ok(refreshed.body());
            if (refreshed.newRefreshToken() != null) {
                response.header(HttpHeaders.SET_COOKIE, cookies.refresh(refreshed.newRefreshToken(), refreshed.sessionEnd()));
            }
            return response.build();
        });
    }

    @GET
    @Path("/csrf")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Map<String, String>> csrf(@CookieParam(SessionCookies.REFRESH) String refreshToken) {
        return flow.csrfValue(refreshToken).map(value -> Map.of("csrfToken", value));
    }

    @POST
    @Path("/logout")
    public Uni<Response> logout(@CookieParam(SessionCookies.REFRESH) String refreshToken,
            @HeaderParam(CsrfTokens.HEADER) String csrf) {
        return flow.logout(refreshToken, csrf).map(done -> Response.noContent()
                .header(HttpHeaders.SET_COOKIE, cookies.clearRefresh())
                .header(HttpHeaders.SET_COOKIE, cookies.clearCsrf())
                .build());
    }
}
