package io.palisade.gateway.cors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.palisade.common.testing.TestTokens;
import io.palisade.gateway.support.RateLimitKeys;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class CorsPolicyTest {

    private static final String ALLOWED = "http://localhost:5173";


    @BeforeEach
    void fullBuckets() {
        RateLimitKeys.clear();
    }

    @Test
    void anAllowedOriginsPreflightIsAnsweredBeforeRoutingAndNotCounted() {
        for (int i = 0; i < 3; i++) {
            given().header("Origin", ALLOWED).header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type,x-csrf-token")
                    .options("/api/auth/login").then().statusCode(204)
                    .header("Access-Control-Allow-Origin", ALLOWED)
                    .header("Access-Control-Allow-Credentials", "true")
                    .header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE")
                    .header("Access-Control-Allow-Headers", "Content-Type, Authorization, X-CSRF-Token, X-Request-Id")
                    .header("Access-Control-Max-Age", "86400")
                    .header("Vary", containsString("Origin"))
                    .header("RateLimit", nullValue());
        }
    }

    @Test
    void anAllowedOriginGetsCorsHeadersOnErrorsToo() {
        for (var response : new io.restassured.response.Response[] {
                given().header("Origin", ALLOWED).get("/api/users/me"),
                given().header("Origin", ALLOWED).get("/nowhere"),
                given().header("Origin", ALLOWED).auth().oauth2(TestTokens.user(UUID.randomUUID()).sign()).get("/api/users/me")}) {
            response.then().header("Access-Control-Allow-Origin", ALLOWED)
                    .header("Access-Control-Allow-Credentials", "true")
                    .header("Access-Control-Expose-Headers", "X-Request-Id, Retry-After, RateLimit, RateLimit-Policy, WWW-Authenticate")
                    .header("Vary", equalTo("Origin"));
        }
    }

    @Test
    void aDisallowedOriginsPreflightIsA403WithoutCorsHeaders() {
        for (String origin : new String[] {"https://evil.example", "http://localhost:5173.evil.example", "null",
                "http://localhost:5174", "HTTP://LOCALHOST:5173"}) {
            given().header("Origin", origin).header("Access-Control-Request-Method", "POST")
                    .options("/api/auth/login").then().statusCode(403).contentType("application/problem+json")
                    .header("Access-Control-Allow-Origin", nullValue())
                    .header("Access-Control-Allow-Credentials", nullValue());
        }
    }

    @Test
    void aDisallowedOriginsRequestGetsNoCorsHeadersAndUpstreamCorsIsDropped() {
        given().header("Origin", "https://evil.example").auth().oauth2(TestTokens.user(UUID.randomUUID()).sign())
                .get("/api/users/me").then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
