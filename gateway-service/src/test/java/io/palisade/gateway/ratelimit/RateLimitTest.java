package io.palisade.gateway.ratelimit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.palisade.common.testing.Concurrently;
import io.palisade.common.testing.TestTokens;
import io.palisade.gateway.support.RateLimitKeys;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class RateLimitTest {

    @Inject
    RedisDataSource redis;

    @Inject
    ReactiveRedisDataSource reactiveRedis;

    @BeforeEach
    void fullBuckets() {
        RateLimitKeys.clear();
    }

    private static Response login(String forwardedFor) {
        var request = given().contentType("application/json").body("{}");
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return request.post("/api/auth/login");
    }

    @Test
    void exactlyTheLimitPassesOutOfLimitPlusTwentyFiredConcurrently() {
        List<Response> answers = Concurrently.run(25, i -> login(null));
        assertThat(answers.stream().filter(r -> r.statusCode() == 200)).hasSize(5);
        assertThat(answers.stream().filter(r -> r.statusCode() == 429)).hasSize(20);
    }

    @Test
    void exactlyTheLimitPassesWhenTwoLimiterInstancesShareRedis() {
        RateLimiter otherInstance = new RateLimiter(reactiveRedis);
        List<Boolean> allowed = Concurrently.run(26, i -> i % 2 == 0
                ? login(null).statusCode() == 200
                : otherInstance.acquire(Policy.LOGIN, "ip:127.0.0.1", 5, Duration.ofMinutes(15), Duration.ofSeconds(2))
                        .await().atMost(Duration.ofSeconds(5)).allowed());
        assertThat(allowed.stream().filter(a -> a)).hasSize(5);
    }

    @Test
    void limitedResponsesCarryDraft10HeadersAndA429CarriesRetryAfter() {
        Response first = login(null);
        first.then().statusCode(200)
                .header("RateLimit-Policy", "\"login\";q=5;w=900")
                .header("RateLimit", matchesPattern("\"login\";r=4;t=\\d+"));
        for (int i = 0; i < 4; i++) {
            login(null).then().statusCode(200);
        }
        login(null).then().statusCode(429).contentType("application/problem+json")
                .body("status", equalTo(429))
                .header("Retry-After", matchesPattern("[1-9]\\d*"))
                .header("RateLimit-Policy", "\"login\";q=5;w=900")
                .header("RateLimit", matchesPattern("\"login\";r=0;t=\\d+"));
    }

    @Test
    void aSpoofedForwardedForFromAnUntrustedPeerDoesNotEscapeTheLimit() {
        for (int i = 0; i < 5; i++) {
            login("10.0.0." + i).then().statusCode(200);
        }
        login("10.9.9.9").then().statusCode(429);
        login("10.9.9.9, 192.168.1.1").then().statusCode(429);
    }

    @Test
    void authenticatedRequestsAreCountedPerUserAndUpstreamHeadersCannotOverride() {
        String alice = TestTokens.user(UUID.randomUUID()).sign();
        String bob = TestTokens.user(UUID.randomUUID()).sign();
        given().auth().oauth2(alice).get("/api/users/me").then().statusCode(200)
                .header("RateLimit", matchesPattern("\"api\";r=99;t=\\d+"));
        given().auth().oauth2(alice).get("/api/users/me").then().header("RateLimit", matchesPattern("\"api\";r=98;t=\\d+"));
        given().auth().oauth2(bob).get("/api/users/me").then().header("RateLimit", matchesPattern("\"api\";r=99;t=\\d+"));
    }

    @Test
    void aValidBearerTokenDoesNotMoveLoginOffTheExhaustedIpBucket() {
        for (int i = 0; i < 5; i++) {
            login(null).then().statusCode(200);
        }
        for (int i = 0; i < 4; i++) {
            given().auth().oauth2(TestTokens.user(UUID.randomUUID()).sign()).contentType("application/json").body("{}")
                    .post("/api/auth/login").then().statusCode(429);
        }
    }

    @Test
    void aValidBearerTokenChangesNoKeyOnTheIpKeyedPolicies() {
        String token = TestTokens.user(UUID.randomUUID()).sign();
        for (String path : List.of("/api/auth/login", "/api/auth/register", "/api/auth/refresh",
                "/api/auth/password-reset", "/api/auth/email/verification")) {
            given().auth().oauth2(token).contentType("application/json").body("{}").post(path).then().statusCode(200);
        }
        assertThat(redis.key().keys("palisade:rate-limit:*")).containsExactlyInAnyOrder(
                "palisade:rate-limit:{login:ip:127.0.0.1}", "palisade:rate-limit:{register:ip:127.0.0.1}",
                "palisade:rate-limit:{auth:ip:127.0.0.1}", "palisade:rate-limit:{recovery:ip:127.0.0.1}");
    }

    @Test
    void passwordResetAndVerificationMailShareOneRecoveryBucketPerIp() {
        for (int i = 0; i < 5; i++) {
            given().contentType("application/json").body("{}")
                    .post(i % 2 == 0 ? "/api/auth/password-reset" : "/api/auth/email/verification")
                    .then().statusCode(200).header("RateLimit-Policy", "\"recovery\";q=5;w=3600");
        }
        given().contentType("application/json").body("{}").post("/api/auth/password-reset").then().statusCode(429);
        given().contentType("application/json").body("{}").post("/api/auth/email/verification").then().statusCode(429);
        given().contentType("application/json").body("{}").post("/api/auth/password-reset/confirm").then().statusCode(200)
                .header("RateLimit-Policy", "\"auth\";q=30;w=60");
    }

    @Test
    void anUnverifiableTokenCountsAgainstTheClientIp() {
        String forged = TestTokens.user(UUID.randomUUID()).signedWith(TestTokens.attackerKey()).sign();
        given().auth().oauth2(forged).get("/api/users/me").then().statusCode(401)
                .header("RateLimit", matchesPattern("\"api\";r=99;t=\\d+"));
        given().get("/.well-known/jwks.json").then().statusCode(200)
                .header("RateLimit", matchesPattern("\"api\";r=98;t=\\d+"));
    }

    @Test
    void keysExpireByThemselves() {
        login(null);
        List<String> keys = redis.key().keys("palisade:rate-limit:*");
        assertThat(keys).isNotEmpty().allSatisfy(key -> {
            assertThat(key).matches("palisade:rate-limit:\\{[^}]+\\}");
            assertThat(redis.key().pttl(key)).isPositive();
        });
    }
}
