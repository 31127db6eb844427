package io.palisade.user.token;

import static io.restassured.RestAssured.given;

import io.palisade.common.revocation.RevokedSessions;
import io.palisade.common.testing.RevocationFeedOutage;
import io.palisade.common.testing.PrivateRedis;
import io.palisade.user.support.Profiles;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
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
        RevocationFeedOutage.run(redis, feed, Profiles.create("Outage"), RevocationFeedOutageTest::status);
    }

    private static int status(String token) {
        return given().auth().oauth2(token).get("/api/users/me").statusCode();
    }
}
