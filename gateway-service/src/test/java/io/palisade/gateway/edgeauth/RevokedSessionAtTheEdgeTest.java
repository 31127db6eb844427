package io.palisade.gateway.edgeauth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.revocation.RevocationKeys;
import io.palisade.common.revocation.RevokedSessions;
import io.palisade.common.testing.TestRevocations;
import io.palisade.common.testing.TestTokens;
import io.palisade.gateway.support.RateLimitKeys;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway refuses a revoked session's token before the upstream sees it: from Redis' key in the same
 * call as the rate-limit decision (even before this gateway heard of the revocation), and from its own copy
 * of the channel (even without the key).
 */
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class RevokedSessionAtTheEdgeTest {

    @Inject
    RedisDataSource redis;

    @Inject
    RevokedSessions feed;

    @BeforeEach
    void fullBuckets() {
        RateLimitKeys.clear();
    }

    @Test
    void theKeyAloneRefusesTheTokenInTheRateLimitCall() {
        UUID me = UUID.randomUUID();
        String sid = UUID.randomUUID().toString();
        String token = TestTokens.user(me).session(sid).sign();
        given().auth().oauth2(token).get("/api/users/me").then().statusCode(200);
        int reached = Upstreams.RECEIVED.size();

        TestRevocations.key(redis, me.toString(), sid);

        given().auth().oauth2(token).get("/api/users/me").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        assertThat(Upstreams.RECEIVED).hasSize(reached);
        assertThat(feed.isRevoked(sid)).as("this gateway's own copy never heard of it").isFalse();
        given().auth().oauth2(TestTokens.user(me).session(UUID.randomUUID().toString()).sign())
                .get("/api/users/me").then().statusCode(200);
    }

    @Test
    void theMessageAloneRefusesTheTokenFromTheLocalCopy() throws InterruptedException {
        UUID me = UUID.randomUUID();
        String sid = UUID.randomUUID().toString();
        String token = TestTokens.user(me).session(sid).sign();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!feed.connected() && System.nanoTime() < deadline) {
            Thread.sleep(25);
        }

        TestRevocations.message(redis, me.toString(), sid);
        long sent = System.nanoTime();
        while (!feed.isRevoked(sid) && System.nanoTime() - sent < Duration.ofSeconds(2).toNanos()) {
            Thread.sleep(10);
        }
        int reached = Upstreams.RECEIVED.size();

        given().auth().oauth2(token).get("/api/users/me").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        assertThat(Upstreams.RECEIVED).hasSize(reached);
        assertThat(redis.key().exists(RevocationKeys.key(me.toString(), sid))).isFalse();
    }
}
