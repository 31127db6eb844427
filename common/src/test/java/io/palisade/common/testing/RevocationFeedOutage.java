package io.palisade.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.revocation.RevokedSessions;
import io.quarkus.redis.datasource.RedisDataSource;
import java.time.Duration;
import java.util.UUID;
import java.util.function.ToIntFunction;

/**
 * One outage of the revoked sessions' feed, as every verifier must live through it, with the service's own
 * Redis ({@link PrivateRedis}) stopped and started again: while the feed is down, the sessions the service
 * knew are still refused and every other token is still served; a session revoked in Redis while the feed
 * was away is refused within 2 s of its return, from the reload of the keys.
 */
public final class RevocationFeedOutage {

    private RevocationFeedOutage() {
    }

    /**
     * Runs the outage against the service under test. {@code status} answers the status of one protected
     * request made with the given bearer token, a token of {@code account}'s.
     */
    public static void run(RedisDataSource redis, RevokedSessions feed, UUID account, ToIntFunction<String> status) {
        Eventually.within(Duration.ofSeconds(10), "the feed subscribed", feed::connected);
        String known = UUID.randomUUID().toString();
        String missed = UUID.randomUUID().toString();
        String knownToken = TestTokens.user(account).session(known).sign();
        String missedToken = TestTokens.user(account).session(missed).sign();
        TestRevocations.keyAndMessage(redis, account.toString(), known);
        Eventually.within(Duration.ofSeconds(2), "the known revocation applied",
                () -> feed.isRevoked(known) && status.applyAsInt(knownToken) == 401);

        PrivateRedis.stopServer();
        Eventually.within(Duration.ofSeconds(5), "the feed noticed the outage", () -> !feed.connected());
        for (int i = 0; i < 5; i++) {
            assertThat(status.applyAsInt(knownToken)).as("a known revocation while Redis is down").isEqualTo(401);
            assertThat(status.applyAsInt(missedToken)).as("another session served while Redis is down")
                    .isEqualTo(200);
        }

        PrivateRedis.startServer();
        Eventually.within(Duration.ofSeconds(10), "the revocation written to the restarted Redis",
                () -> TestRevocations.tryKey(redis, account.toString(), missed));
        Eventually.within(Duration.ofSeconds(2), "the missed revocation applied",
                () -> status.applyAsInt(missedToken) == 401);
        assertThat(status.applyAsInt(knownToken)).isEqualTo(401);
    }
}
