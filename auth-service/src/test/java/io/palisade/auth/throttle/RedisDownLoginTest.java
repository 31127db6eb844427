package io.palisade.auth.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.testing.Metrics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With Redis unreachable the brute-force throttle cannot count, so login fails closed: a fast 503 with
 * Retry-After, never a password check that nothing limits, and never a hang.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
@TestProfile(RedisDownLoginTest.RedisUnreachable.class)
class RedisDownLoginTest {

    public static class RedisUnreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Nothing listens on port 1.
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1");
        }
    }

    @BeforeEach
    void failInsteadOfHanging() {
        RestAssured.config = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", 10_000).setParam("http.connection.timeout", 10_000));
    }

    @AfterEach
    void restoreClient() {
        RestAssured.reset();
    }

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void loginFailsClosedWithARetryAfterAndChecksNoPassword() {
        double hashesBefore = hashesComputed();
        Instant start = Instant.now();

        AuthTestSupport.login("nobody-" + UUID.randomUUID() + "@palisade.test", "Lantern-Quay-9!", null)
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:palisade:problem:service-unavailable"))
                .header("Retry-After", notNullValue());

        // The throttle gives Redis 2 s (palisade.auth.login-throttle.redis-timeout); a refused connection is quicker.
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
        assertThat(hashesComputed()).as("Argon2id computations").isEqualTo(hashesBefore);
    }

    private double hashesComputed() {
        return Metrics.value(Metrics.scrape(metrics), "palisade_auth_hashing_computed_total");
    }
}
