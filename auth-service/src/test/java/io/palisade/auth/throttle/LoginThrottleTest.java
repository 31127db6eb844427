package io.palisade.auth.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.UserServiceStandIn;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An attacker hammering an email locks out strangers only: the owner's known browser keeps logging in,
 * unknown emails are throttled the same way (nothing revealed), and locks are TTLs in Redis.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class LoginThrottleTest {

    @Inject
    RedisDataSource redis;

    @Inject
    LoginThrottle throttle;

    @Test
    void anAttackersFailuresLockOutStrangersButNeverTheOwnersDevice() {
        AuthTestSupport.Credentials owner = AuthTestSupport.register();
        String device = AuthTestSupport.login(owner.email(), owner.password(), null).getCookie("device_token");

        for (int i = 0; i < 5; i++) {
            AuthTestSupport.login(owner.email(), "Wrong-Guess-" + i + "!", null).then().statusCode(401);
        }
        AuthTestSupport.login(owner.email(), owner.password(), null).then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", matchesPattern("[1-9]\\d*"));
        AuthTestSupport.login(owner.email(), "Wrong-Guess-x!", null).then().statusCode(429);

        AuthTestSupport.login(owner.email(), owner.password(), device).then().statusCode(200);
    }

    @Test
    void aDeviceTokenOfAnotherAccountCountsAsAStranger() {
        AuthTestSupport.Credentials owner = AuthTestSupport.register();
        AuthTestSupport.Credentials attacker = AuthTestSupport.register();
        String attackersDevice = AuthTestSupport.login(attacker.email(), attacker.password(), null).getCookie("device_token");

        for (int i = 0; i < 5; i++) {
            AuthTestSupport.login(owner.email(), "Wrong-Guess-" + i + "!", attackersDevice).then().statusCode(401);
        }
        AuthTestSupport.login(owner.email(), owner.password(), null).then().statusCode(429);
        AuthTestSupport.login(owner.email(), "Wrong-Guess-9!", attackersDevice).then().statusCode(429);
    }

    @Test
    void theOwnDevicesCounterLocksOnlyThatDevice() {
        AuthTestSupport.Credentials owner = AuthTestSupport.register();
        String device = AuthTestSupport.login(owner.email(), owner.password(), null).getCookie("device_token");
        for (int i = 0; i < 5; i++) {
            AuthTestSupport.login(owner.email(), "Wrong-Guess-" + i + "!", device).then().statusCode(401);
        }
        AuthTestSupport.login(owner.email(), owner.password(), device).then().statusCode(429);
        AuthTestSupport.login(owner.email(), owner.password(), null).then().statusCode(200);
    }

    @Test
    void unknownEmailsAreThrottledLikeRealOnes() {
        String nobody = "nobody-" + UUID.randomUUID() + "@palisade.test";
        for (int i = 0; i < 5; i++) {
            AuthTestSupport.login(nobody, "Wrong-Guess-" + i + "!", null).then().statusCode(401);
        }
        AuthTestSupport.login(nobody, "Wrong-Guess-x!", null).then().statusCode(429);
    }

    @Test
    void aSuccessResetsItsCounterAndLocksExpireByThemselves() {
        AuthTestSupport.Credentials owner = AuthTestSupport.register();
        String shared = throttle.counter(owner.email(), null).key();
        for (int i = 0; i < 4; i++) {
            AuthTestSupport.login(owner.email(), "Wrong-Guess-" + i + "!", null).then().statusCode(401);
        }
        assertThat(redis.value(String.class).get(shared)).isEqualTo("4");
        // The lock is a TTL of at most the window (the test profile's 30 s), never a permanent key.
        assertThat(redis.key().pttl(shared)).isPositive().isLessThanOrEqualTo(30_000);

        AuthTestSupport.login(owner.email(), owner.password(), null).then().statusCode(200);
        assertThat(redis.key().exists(shared)).as("a success resets its counter").isFalse();
        for (int i = 0; i < 4; i++) {
            AuthTestSupport.login(owner.email(), "Wrong-Guess-" + i + "!", null).then().statusCode(401);
        }
        AuthTestSupport.login(owner.email(), owner.password(), null).then().statusCode(200);
    }
}
