package io.palisade.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.palisade.common.testing.RawHttp;
import io.palisade.common.testing.TestTokens;
import io.palisade.gateway.support.RateLimitKeys;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class UpstreamProxyTest {

    private static final List<String> SECURITY_HEADERS = List.of("Content-Security-Policy", "X-Content-Type-Options",
            "X-Frame-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy", "Cross-Origin-Resource-Policy",
            "Permissions-Policy", "Cache-Control", "X-Request-Id");


    @BeforeEach
    void fullBuckets() {
        RateLimitKeys.clear();
    }

    private static String token() {
        return TestTokens.user(UUID.randomUUID()).sign();
    }

    @Test
    void proxiesWithHeadersTheGatewayKnowsAndDropSpoofedOnes() {
        given().auth().oauth2(token()).header("X-Request-Id", "trace-abc").header("X-Forwarded-For", "6.6.6.6")
                .header("X-Forwarded-Host", "evil.example").header("Connection", "close, X-Secret-Hop")
                .header("X-Secret-Hop", "leak")
                .get("/api/users/me").then().statusCode(200)
                .body("upstream", equalTo("user")).body("path", equalTo("/api/users/me"))
                .header("X-Request-Id", "trace-abc");

        Upstreams.Received received = Upstreams.last("/api/users/me");
        assertThat(received.headers().get("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(received.headers().get("X-Forwarded-Host")).isNotEqualTo("evil.example");
        assertThat(received.headers().get("X-Request-Id")).isEqualTo("trace-abc");
        assertThat(received.headers().get("X-Secret-Hop")).isNull();
        assertThat(received.headers().get("Authorization")).startsWith("Bearer ");
    }

    @Test
    void setsEverySecurityHeaderExactlyOnceReplacingTheUpstreams() {
        for (Response response : List.of(given().auth().oauth2(token()).get("/api/users/me"),
                given().get("/api/users/me"), given().get("/nowhere"), given().get("/internal/accounts/1"),
                given().auth().oauth2(token()).get("/api/users/unavailable"))) {
            for (String name : SECURITY_HEADERS) {
                assertThat(response.getHeaders().getValues(name)).as(name + " on " + response.statusCode()).hasSize(1);
            }
            assertThat(response.getHeader("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
            assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
            assertThat(response.getHeader("Server")).isNull();
            assertThat(response.getHeader("X-Powered-By")).isNull();
            assertThat(response.getHeader("Access-Control-Allow-Origin")).isNull();
        }
    }

    @Test
    void passesAnUpstream503ThroughAsTheUpstreamWroteIt() {
        given().auth().oauth2(token()).get("/api/users/unavailable").then().statusCode(503)
                .body("upstream", equalTo("user")).body("path", equalTo("/api/users/unavailable"));
    }

    @Test
    void answers504WhenTheUpstreamStallsPastTheTimeout() {
        long started = System.nanoTime();
        given().auth().oauth2(token()).get("/api/users/stall").then().statusCode(504)
                .contentType("application/problem+json").body("status", equalTo(504));
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void neverRoutesInternalOrUnknownPaths() {
        given().get("/internal/accounts/x").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/nothing").then().statusCode(404);
        given().get("/q/health").then().statusCode(404);
        assertThat(Upstreams.last("/internal/accounts/x")).isNull();
    }

    @Test
    void pathTricksNeverReachARouteTheyWouldNotReachWrittenPlainly() {
        for (String path : List.of("/api/users;x=1/me", "/api/users/me;jsessionid=1", "/api/users%2Fme",
                "/api/users/%2e%2e/%2e%2e/internal/accounts/x", "/api//users/me", "/api/./users/me",
                "/api/users/../../internal/accounts/x", "/api/users/%5Cme", "/api/auth/..%2Finternal",
                "/api/users/%252e%252e/x", "/internal%2Faccounts")) {
            int status = RawHttp.get(RestAssured.port, path, "Authorization: Bearer " + token());
            assertThat(status).as(path).isIn(400, 404);
        }
        assertThat(Upstreams.RECEIVED).noneMatch(r -> r.path().contains("internal") || r.path().contains(";")
                || r.path().contains("%"));
    }

    @Test
    void refusesAnOversizedBodyByItsDeclaredLength() {
        given().auth().oauth2(token()).contentType("application/json").body("{\"bio\":\"" + "x".repeat(11_000) + "\"}")
                .patch("/api/users/me").then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void cutsOffAnOversizedChunkedBodyBeforeTheUpstreamHasItWhole() throws Exception {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + RestAssured.port + "/api/users/me")
                .toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setChunkedStreamingMode(1024);
        connection.setRequestProperty("Authorization", "Bearer " + token());
        connection.setRequestProperty("Content-Type", "application/json");
        int status;
        try (OutputStream out = connection.getOutputStream()) {
            byte[] chunk = new byte[1024];
            for (int i = 0; i < 64; i++) {
                out.write(chunk);
            }
        } catch (java.io.IOException cutOff) {
            // The gateway may close the connection while we are still sending: that is the point.
        }
        status = connection.getResponseCode();
        assertThat(status).isEqualTo(413);
        assertThat(Upstreams.RECEIVED).noneMatch(r -> r.path().equals("/api/users/me") && r.method().equals("POST")
                && r.complete() && r.bodyBytes() > 10_240);
    }

    @Test
    void allowsTheLargerLimitOnTheAvatarUpload() {
        given().auth().oauth2(token()).contentType("image/png").body(new byte[200_000])
                .put("/api/users/me/avatar").then().statusCode(200).body("bytes", equalTo(200_000));
        given().auth().oauth2(token()).contentType("image/png").body(new byte[1024 * 1024 + 1])
                .put("/api/users/me/avatar").then().statusCode(413);
    }
}
