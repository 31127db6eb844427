package io.palisade.auth.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.Session;
import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.revocation.RevocationKeys;
import io.palisade.common.testing.Eventually;
import io.palisade.common.testing.PrivateRedis;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A session ended while Redis is down still ends: the request succeeds, auth-service refuses the session at
 * once, and the revocation reaches the restarted Redis (for the gateway and user-service) within 2 s of its
 * return, from auth-service's own record of it.
 */
@QuarkusTest
@QuarkusTestResource(value = PrivateRedis.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(UserServiceStandIn.class)
class RevocationOutageTest {

    @Inject
    RedisDataSource redis;

    @Test
    void aRevocationMadeDuringTheOutageIsPublishedWithinTwoSecondsOfTheReturn() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Session kept = Session.login(user, null);
        Session ended = Session.login(user, null);

        PrivateRedis.stopServer();
        kept.bearer().delete("/api/auth/sessions/" + ended.sid()).then().statusCode(204);
        ended.bearer().get("/api/auth/sessions").then().statusCode(401);

        PrivateRedis.startServer();
        String key = RevocationKeys.key(user.id(), ended.sid());
        Eventually.within(Duration.ofSeconds(2), "the revocation published after Redis came back", () -> {
            try {
                return redis.key().exists(key);
            } catch (RuntimeException notYet) {
                return false;
            }
        });
        assertThat(redis.key().pttl(key)).isPositive();
    }
}
