package io.palisade.gateway.ratelimit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;

import io.palisade.common.testing.Metrics;
import io.palisade.common.testing.TestTokens;
import io.palisade.gateway.support.RateLimitKeys;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The largest limit the contract allows, in the shortest common window, is still limited, not degraded. */
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
@TestProfile(MillionPerMinuteTest.MillionPerMinute.class)
class MillionPerMinuteTest {

    public static class MillionPerMinute implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("palisade.gateway.rate-limit.api.limit", "1000000",
                    "palisade.gateway.rate-limit.api.window", "PT1M");
        }
    }

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void everyCheckIsADecisionNeverTheDegradedPath() {
        RateLimitKeys.clear();
        String token = TestTokens.user(UUID.randomUUID()).sign();
        double allowedBefore = decisions("allowed");

        for (int i = 0; i < 20; i++) {
            given().auth().oauth2(token).get("/api/users/me").then().statusCode(200)
                    .header("RateLimit-Policy", "\"api\";q=1000000;w=60")
                    .header("RateLimit", matchesPattern("\"api\";r=9999\\d\\d;t=\\d+"));
        }

        assertThat(decisions("allowed")).isEqualTo(allowedBefore + 20);
        assertThat(decisions("failed-open")).isZero();
    }

    private double decisions(String outcome) {
        return Metrics.sum(Metrics.scrape(metrics), "palisade_gateway_rate_limit_decisions_total",
                "policy=\"api\"", "outcome=\"" + outcome + "\"");
    }
}
