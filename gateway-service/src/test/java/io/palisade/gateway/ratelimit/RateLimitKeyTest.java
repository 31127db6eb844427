package io.palisade.gateway.ratelimit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;

import io.palisade.common.testing.TestTokens;
import io.palisade.gateway.support.Logins;
import io.palisade.gateway.support.RateLimitKeys;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which bucket a request counts against: the client IP for every policy but api, the user for api with a
 * verified token, and nothing a client sends can move it to another.
 */
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class RateLimitKeyTest {

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void fullBuckets() {
        RateLimitKeys.clear();
    }

    @Test
    void aSpoofedForwardedForFromAnUntrustedPeerDoesNotEscapeTheLimit() {
        for (int i = 0; i < 5; i++) {
            Logins.post("10.0.0." + i).then().statusCode(200);
        }
        Logins.post("10.9.9.9").then().statusCode(429);
        Logins.post("10.9.9.9, 192.168.1.1").then().statusCode(429);
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
            Logins.post(null).then().statusCode(200);
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
                "palisade:rate-limit:{ip:127.0.0.1}:login", "palisade:rate-limit:{ip:127.0.0.1}:register",
                "palisade:rate-limit:{ip:127.0.0.1}:auth", "palisade:rate-limit:{ip:127.0.0.1}:recovery");
    }

    @Test
    void anUnverifiableTokenCountsAgainstTheClientIp() {
        String forged = TestTokens.user(UUID.randomUUID()).signedWith(TestTokens.attackerKey()).sign();
        given().auth().oauth2(forged).get("/api/users/me").then().statusCode(401)
                .header("RateLimit", matchesPattern("\"api\";r=99;t=\\d+"));
        given().get("/.well-known/jwks.json").then().statusCode(200)
                .header("RateLimit", matchesPattern("\"api\";r=98;t=\\d+"));
    }
}
