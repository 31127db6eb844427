package io.palisade.gateway.edgeauth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.revocation.RevokedSessions;
import io.palisade.common.testing.Eventually;
import io.palisade.common.testing.PrivateRedis;
import io.palisade.common.testing.TestRevocations;
import io.palisade.common.testing.TestTokens;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * With its own Redis stopped and started again: while Redis is down the gateway still refuses the sessions
 * it knew (the api policy fails open, so only its local copy stands between the token and the upstream),
 * and a session revoked in the restarted Redis is refused within 2 s of the revocation.
 */
@QuarkusTest
@QuarkusTestResource(value = PrivateRedis.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(Upstreams.class)
class RevocationFeedOutageAtTheEdgeTest {

    @Inject
    RedisDataSource redis;

    @Inject
    RevokedSessions feed;

    @Test
    void knownRevocationsSurviveTheOutageAndNewOnesApplyAfterTheReturn() {
        Eventually.within(Duration.ofSeconds(10), "the feed subscribed", feed::connected);
        UUID me = UUID.randomUUID();
        String known = UUID.randomUUID().toString();
        String missed = UUID.randomUUID().toString();
        String knownToken = TestTokens.user(me).session(known).sign();
        String missedToken = TestTokens.user(me).session(missed).sign();
        TestRevocations.message(redis, me.toString(), known);
        Eventually.within(Duration.ofSeconds(2), "the known revocation heard", () -> feed.isRevoked(known));

        PrivateRedis.stopServer();
        Eventually.within(Duration.ofSeconds(5), "the feed noticed the outage", () -> !feed.connected());
        for (int i = 0; i < 5; i++) {
            assertThat(status(knownToken)).as("a known revocation while Redis is down").isEqualTo(401);
            assertThat(status(missedToken)).as("the api policy fails open while Redis is down").isEqualTo(200);
        }

        PrivateRedis.startServer();
        Eventually.within(Duration.ofSeconds(10), "the revocation written to the restarted Redis",
                () -> TestRevocations.tryKey(redis, me.toString(), missed));
        Eventually.within(Duration.ofSeconds(2), "the missed revocation applied", () -> status(missedToken) == 401);
        assertThat(status(knownToken)).isEqualTo(401);
    }

    private static int status(String token) {
        return given().auth().oauth2(token).get("/api/users/me").statusCode();
    }
}
