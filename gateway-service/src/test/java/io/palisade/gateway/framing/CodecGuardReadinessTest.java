package io.palisade.gateway.framing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A fresh gateway that no client has called yet (its own profile, so its own start) installs the framing guard
 * by itself, on a random port, and only then reports ready: nothing waits for a first client to do it.
 */
@QuarkusTest
@TestProfile(CodecGuardReadinessTest.FreshGateway.class)
class CodecGuardReadinessTest {

    public static class FreshGateway implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("palisade.gateway.rate-limit.enabled", "false");
        }
    }

    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    @Test
    void theGuardIsInPlaceAndReadinessUpWithoutAnyClientRequest() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = given().get(readiness).asString();
            if (body.contains("\"request-framing\"") && body.contains("\"UP\"") && !body.contains("\"DOWN\"")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(body).contains("\"name\": \"request-framing\"").doesNotContain("DOWN");
    }
}
