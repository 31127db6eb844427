package io.palisade.e2e;

import static io.palisade.e2e.Accounts.gateway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.palisade.common.testing.RawHttp;
import io.palisade.e2e.Accounts.Session;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What every browser sees at the door: security headers once each, CORS for the allowed origin only. */
@ExtendWith(PalisadeSuite.class)
class EdgeHeadersIT {

    private static final List<String> SECURITY_HEADERS = List.of("Content-Security-Policy", "X-Content-Type-Options",
            "X-Frame-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy", "Cross-Origin-Resource-Policy",
            "Permissions-Policy", "Cache-Control", "X-Request-Id");

    @Test
    void setsEverySecurityHeaderExactlyOnceOnProxiedAndRefusedResponses() {
        Session session = Accounts.login(Accounts.register("Headers"));
        for (Response response : List.of(session.bearer().get("/api/users/me"), gateway().get("/api/users/me"),
                gateway().get("/no/such/route"), gateway().get("/internal/accounts"))) {
            for (String name : SECURITY_HEADERS) {
                assertThat(response.getHeaders().getValues(name)).as(name + " on " + response.statusCode()).hasSize(1);
            }
            assertThat(response.getHeader("Server")).isNull();
            assertThat(response.getHeader("X-Powered-By")).isNull();
        }
    }

    @Test
    void neverRoutesInternalPathsOrPathTricks() {
        for (String path : List.of("/internal/accounts/x", "/api/users/..;/internal/accounts/x",
                "/api/users/%2e%2e/%2e%2e/internal/accounts/x", "/api/users;x=y/me", "/api/users/%2Fme",
                "//api/users/me", "/api/./users/me", "/q/health", "/q/metrics")) {
            int status = RawHttp.get(PalisadeSuite.get().gatewayPort, path);
            assertThat(status).as(path).isIn(400, 404);
        }
    }

    @Test
    void answersAnAllowedOriginWithCredentialedCorsEvenOnErrors() {
        gateway().header("Origin", PalisadeSuite.FRONTEND_ORIGIN).get("/api/users/me").then().statusCode(401)
                .header("Access-Control-Allow-Origin", PalisadeSuite.FRONTEND_ORIGIN)
                .header("Access-Control-Allow-Credentials", "true")
                .header("Vary", org.hamcrest.Matchers.containsString("Origin"));

        gateway().header("Origin", PalisadeSuite.FRONTEND_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Content-Type, X-CSRF-Token")
                .options("/api/auth/refresh").then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(204)))
                .header("Access-Control-Allow-Origin", PalisadeSuite.FRONTEND_ORIGIN)
                .header("Access-Control-Max-Age", "86400");
    }

    @Test
    void refusesADisallowedOriginsPreflightWithoutCorsHeaders() {
        gateway().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/auth/login").then().statusCode(403)
                .contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
