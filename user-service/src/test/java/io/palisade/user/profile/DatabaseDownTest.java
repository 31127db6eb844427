package io.palisade.user.profile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.palisade.common.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * With PostgreSQL refusing connections, a request that needs it is a 503 problem with Retry-After, not a 500,
 * and the pod reports itself not ready so traffic moves to healthy replicas.
 */
@QuarkusTest
@TestProfile(DatabaseDownTest.DatabaseUnreachable.class)
class DatabaseDownTest {

    public static class DatabaseUnreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Nothing listens on port 1; migrations are skipped so the service starts at all.
            return Map.of("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:1/palisade_users_test",
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/palisade_users_test",
                    "quarkus.flyway.migrate-at-start", "false");
        }
    }

    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    @Test
    void aRequestThatNeedsTheDatabaseIsA503WithRetryAfter() {
        given().auth().oauth2(TestTokens.user(UUID.randomUUID()).sign()).get("/api/users/me")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:palisade:problem:service-unavailable"))
                .header("Retry-After", notNullValue());
    }

    @Test
    void theServiceIsNotReady() {
        given().get(readiness).then().statusCode(503).body("status", equalTo("DOWN"));
    }
}
