package io.palisade.gateway.ratelimit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.palisade.common.testing.TestTokens;
import io.palisade.common.testing.PrivateRedis;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Redis goes away: auth policies fail closed, fast; api fails open without headers; all recovers by itself. */
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
@TestProfile(RedisOutageTest.OwnRedis.class)
class RedisOutageTest {

    public static class OwnRedis implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PrivateRedis.class));
        }
    }

    @Test
    void authPoliciesFailClosedTheApiFailsOpenAndLimitingResumesWhenRedisIsBack() {
        String token = TestTokens.user(UUID.randomUUID()).sign();
        given().auth().oauth2(token).get("/api/users/me").then().statusCode(200).header("RateLimit", notNullValue());

        PrivateRedis.stopServer();
        try {
            long started = System.nanoTime();
            given().contentType("application/json").body("{}").post("/api/auth/login").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", notNullValue());
            given().contentType("application/json").body("{}").post("/api/auth/register").then().statusCode(503);
            given().post("/api/auth/refresh").then().statusCode(503);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));

            given().auth().oauth2(token).get("/api/users/me").then().statusCode(200).header("RateLimit", nullValue());
        } finally {
            PrivateRedis.startServer();
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                given().contentType("application/json").body("{}").post("/api/auth/login").then().statusCode(200)
                        .header("RateLimit", notNullValue()));
        given().auth().oauth2(token).get("/api/users/me").then().statusCode(200).header("RateLimit", notNullValue());
    }
}
