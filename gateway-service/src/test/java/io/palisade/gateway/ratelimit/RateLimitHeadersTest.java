package io.palisade.gateway.ratelimit;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.palisade.gateway.support.Logins;
import io.palisade.gateway.support.RateLimitKeys;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Limited answers carry the draft-10 RateLimit headers, and a 429 carries Retry-After.
 */
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class RateLimitHeadersTest {

    @BeforeEach
    void fullBuckets() {
        RateLimitKeys.clear();
    }

    @Test
    void limitedResponsesCarryDraft10HeadersAndA429CarriesRetryAfter() {
        Response first = Logins.post(null);
        first.then().statusCode(200)
                .header("RateLimit-Policy", "\"login\";q=5;w=900")
                .header("RateLimit", matchesPattern("\"login\";r=4;t=\\d+"));
        for (int i = 0; i < 4; i++) {
            Logins.post(null).then().statusCode(200);
        }
        Logins.post(null).then().statusCode(429).contentType("application/problem+json")
                .body("status", equalTo(429))
                .header("Retry-After", matchesPattern("[1-9]\\d*"))
                .header("RateLimit-Policy", "\"login\";q=5;w=900")
                .header("RateLimit", matchesPattern("\"login\";r=0;t=\\d+"));
    }
}
