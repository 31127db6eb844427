package io.palisade.gateway.edgeauth;

import static io.restassured.RestAssured.given;

import io.palisade.common.revocation.RevokedSessions;
import io.palisade.common.testing.RevocationFeedOutage;
import io.palisade.common.testing.PrivateRedis;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
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
        RevocationFeedOutage.run(redis, feed, UUID.randomUUID(), RevocationFeedOutageAtTheEdgeTest::status);
    }

    private static int status(String token) {
        return given().auth().oauth2(token).get("/api/users/me").statusCode();
    }
}
