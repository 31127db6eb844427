package io.palisade.gateway.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.testing.CapturedEvents;
import io.palisade.gateway.support.RateLimitKeys;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A rate-limit rejection names its request and its client, after the Redis round trip it waited on. */
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class SecurityEventFieldsTest {

    @Test
    void aRateLimitRejectionCarriesEventRequestIdAndClient() {
        RateLimitKeys.clear();
        for (int i = 0; i < 5; i++) {
            given().contentType("application/json").body("{}").post("/api/auth/login").then().statusCode(200);
        }
        try (CapturedEvents events = CapturedEvents.start()) {
            Response rejected = given().contentType("application/json").body("{}").post("/api/auth/login");
            rejected.then().statusCode(429);

            List<Map<String, String>> lines = events.of("rate_limit_rejected");
            assertThat(lines).isNotEmpty();
            assertThat(lines.get(lines.size() - 1)).containsEntry("requestId", rejected.getHeader("X-Request-Id"))
                    .containsEntry("clientIp", "127.0.0.1").containsEntry("eventDetail", "login");
        }
    }
}
