package io.palisade.user.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.revocation.RevokedSessions;
import io.palisade.common.testing.Eventually;
import io.palisade.common.testing.PrivateRedis;
import io.palisade.common.testing.TestRevocations;
import io.palisade.common.testing.TestTokens;
import io.palisade.user.support.Profiles;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * With its own Redis stopped and started again: while the feed is down, the sessions user-service knew are
 * still refused and the service keeps serving; a session revoked in Redis while the feed was away is refused
 * within 2 s of its return, from the reload of the keys.
 */
@QuarkusTest
@QuarkusTestResource(value = PrivateRedis.class, restrictToAnnotatedClass = true)
class RevocationFeedOutageTest {

    @Inject
    RedisDataSource redis;

    @Inject
    RevokedSessions feed;

    @Test
    void knownRevocationsSurviveTheOutageAndMissedOnesArriveWithinTwoSecondsOfTheReturn() {
        Eventually.within(Duration.ofSeconds(10), "the feed subscribed", feed::connected);
        UUID me = Profiles.create("Outage");
        String known = UUID.randomUUID().toString();
        String missed = UUID.randomUUID().toString();
        String knownToken = TestTokens.user(me).session(known).sign();
        String missedToken = TestTokens.user(me).session(missed).sign();
        TestRevocations.keyAndMessage(redis, me.toString(), known);
        Eventually.within(Duration.ofSeconds(2), "the known revocation applied", () -> status(knownToken) == 401);

        PrivateRedis.stopServer();
        Eventually.within(Duration.ofSeconds(5), "the feed noticed the outage", () -> !feed.connected());
        for (int i = 0; i < 5; i++) {
            assertThat(status(knownToken)).as("a known revocation while Redis is down").isEqualTo(401);
            assertThat(status(missedToken)).as("the service keeps serving while Redis is down").isEqualTo(200);
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
