package io.palisade.gateway.clientip;

import static io.restassured.RestAssured.given;

import io.palisade.gateway.support.RateLimitKeys;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behind a trusted proxy that appends to X-Forwarded-For and passes Forwarded through from the client (as
 * ingress-nginx does), only X-Forwarded-For names the client: a Forwarded header is the client's own words.
 */
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
@TestProfile(ForwardedForFromTrustedProxyTest.BehindAProxy.class)
class ForwardedForFromTrustedProxyTest {

    public static class BehindAProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("palisade.gateway.trusted-proxies", "127.0.0.1/32");
        }
    }

    @BeforeEach
    void fullBuckets() {
        RateLimitKeys.clear();
    }

    static Response login(String forwardedFor, String forwarded) {
        return given().header("X-Forwarded-For", forwardedFor).header("Forwarded", forwarded)
                .contentType("application/json").body("{}").post("/api/auth/login");
    }

    @Test
    void aFreshForwardedHeaderPerRequestDoesNotEscapeTheLimit() {
        for (int i = 0; i < 5; i++) {
            login("203.0.113.7", "for=198.51.100." + i).then().statusCode(200);
        }
        login("203.0.113.7", "for=198.51.100.99").then().statusCode(429);
        login("203.0.113.7", "for=\"[2001:db8::99]\"").then().statusCode(429);
    }

    @Test
    void theProxysForwardedForNamesTheClient() {
        for (int i = 0; i < 5; i++) {
            login("203.0.113.8", "for=198.51.100.1").then().statusCode(200);
        }
        login("203.0.113.8", "for=198.51.100.1").then().statusCode(429);
        login("203.0.113.9", "for=198.51.100.1").then().statusCode(200);
    }
}
