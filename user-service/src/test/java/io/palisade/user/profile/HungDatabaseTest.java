package io.palisade.user.profile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.palisade.common.testing.TestTokens;
import io.palisade.user.support.SilentDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A database that accepts connections and never answers costs a request palisade.database.connection-timeout
 * (2 s), then a 503 with Retry-After; without the bound it was 30 s and a 500.
 */
@QuarkusTest
@QuarkusTestResource(value = SilentDatabase.class, restrictToAnnotatedClass = true)
class HungDatabaseTest {

    /** Well above the 2 s bound, well below the 30 s it replaced: a hang fails the test instead of stalling it. */
    private static final int CLIENT_TIMEOUT_MS = 10_000;

    /** The configured wait for a connection (PT2S) and room for a loaded machine; half the client's timeout. */
    private static final Duration BOUND = Duration.ofSeconds(2).plusSeconds(3);

    @Test
    void aRequestThatNeedsTheDatabaseIsA503WithinTheBound() {
        // Warm: the first request also loads the verifier's keys; this one is refused before any query.
        given().auth().oauth2(TestTokens.user(UUID.randomUUID()).sign()).get("/api/users/not-a-uuid").then().statusCode(400);
        long started = System.nanoTime();
        given().config(RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", CLIENT_TIMEOUT_MS)))
                .auth().oauth2(TestTokens.user(UUID.randomUUID()).sign()).get("/api/users/me")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:palisade:problem:service-unavailable"))
                .header("Retry-After", notNullValue());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);
    }
}
