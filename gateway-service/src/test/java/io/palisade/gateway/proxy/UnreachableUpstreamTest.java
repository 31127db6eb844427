package io.palisade.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.palisade.common.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An upstream that refuses connections is a fast 502 problem, never a hang. */
@QuarkusTest
@TestProfile(UnreachableUpstreamTest.NothingListening.class)
class UnreachableUpstreamTest {

    public static class NothingListening implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            int closed;
            try (ServerSocket socket = new ServerSocket(0)) {
                closed = socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return Map.of("palisade.gateway.upstream.user-url", "http://127.0.0.1:" + closed,
                    "palisade.gateway.upstream.auth-url", "http://127.0.0.1:" + closed,
                    "palisade.gateway.rate-limit.enabled", "false");
        }
    }

    @Test
    void aRefusedConnectionIsA502() {
        given().auth().oauth2(TestTokens.user(UUID.randomUUID()).sign()).get("/api/users/me").then().statusCode(502)
                .contentType("application/problem+json").body("status", equalTo(502))
                .header("X-Content-Type-Options", "nosniff");

        // Warm now (the first request also loads the verifier's keys): a refusal costs no timeout at all.
        long started = System.nanoTime();
        given().auth().oauth2(TestTokens.user(UUID.randomUUID()).sign()).get("/api/users/me").then().statusCode(502);
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1_500);
    }
}
