package io.palisade.common.testing;

import io.palisade.common.revocation.RevocationKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import java.time.Duration;

/** Revokes a session in Redis the way auth-service does: the key, the message on the channel, or both. */
public final class TestRevocations {

    private static final Duration REFUSED_FOR = Duration.ofMinutes(16);

    private TestRevocations() {
    }

    public static void keyAndMessage(RedisDataSource redis, String accountId, String sid) {
        key(redis, accountId, sid);
        message(redis, accountId, sid);
    }

    /**
     * Only the stored revocation, no message: the key the gateway reads in its rate-limit call and the index
     * entry a verifier finds when it (re)loads.
     */
    public static void key(RedisDataSource redis, String accountId, String sid) {
        String expiresAt = Long.toString(expiresAt());
        redis.execute("SET", RevocationKeys.key(accountId, sid), expiresAt, "PXAT", expiresAt);
        redis.execute("ZADD", RevocationKeys.INDEX, expiresAt, RevocationKeys.member(accountId, sid));
    }

    /** {@link #key}, false while Redis does not take it (a test waiting for a restarted Redis). */
    public static boolean tryKey(RedisDataSource redis, String accountId, String sid) {
        try {
            key(redis, accountId, sid);
            return true;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /** Only the message: what a subscribed verifier hears. */
    public static void message(RedisDataSource redis, String accountId, String sid) {
        redis.execute("PUBLISH", RevocationKeys.CHANNEL, RevocationKeys.message(accountId, sid, expiresAt()));
    }

    private static long expiresAt() {
        return System.currentTimeMillis() + REFUSED_FOR.toMillis();
    }
}
