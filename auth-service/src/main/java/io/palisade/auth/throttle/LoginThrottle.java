package io.palisade.auth.throttle;

import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Counts failed logins per normalised email, whether the account exists or not (so throttling reveals
 * nothing), in separate counters: one per known device of the account, one shared by every other login.
 * An attacker's failures fill the shared counter and lock out strangers only; the owner's browsers, which
 * present the account's device token, keep their own counters. A lockout is a TTL, never permanent.
 *
 * <p>Each call is one atomic Redis round trip (a Lua script), so concurrent failures are counted exactly.
 * Keys carry their email hash as a hash tag, work on Redis Cluster, and expire with the window. If Redis is
 * unavailable, logins fail closed with 503: without a counter, brute force would be unbounded.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final String CHECK = """
            local n = tonumber(redis.call('GET', KEYS[1]) or '0')
            if n < tonumber(ARGV[1]) then return {n, 0} end
            return {n, redis.call('PTTL', KEYS[1])}""";
    private static final String FAIL = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 or redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return n""";

    /** Which counter a login attempt uses. */
    public record Counter(String key) {
    }

    private final ReactiveRedisDataSource redis;
    private final LoginThrottleConfig config;

    LoginThrottle(ReactiveRedisDataSource redis, LoginThrottleConfig config) {
        this.redis = redis;
        this.config = config;
    }

    /** The counter for {@code email}: the device's own when {@code deviceId} is a device of that account. */
    public Counter counter(String normalisedEmail, String deviceId) {
        String base = "palisade:login-throttle:{" + sha256(normalisedEmail) + "}:";
        return new Counter(deviceId == null ? base + "shared" : base + "device:" + sha256(deviceId));
    }

    /** Empty while logins on this counter may proceed; otherwise how long until they may. */
    public Uni<Optional<Duration>> lockedFor(Counter counter) {
        return call(redis.execute("EVAL", CHECK, "1", counter.key(), Integer.toString(config.maxFailures())))
                .map(response -> {
                    long pttl = response.get(1).toLong();
                    return pttl > 0 ? Optional.of(Duration.ofMillis(pttl)) : Optional.<Duration>empty();
                });
    }

    public Uni<Void> failed(Counter counter) {
        return call(redis.execute("EVAL", FAIL, "1", counter.key(), Long.toString(config.window().toMillis())))
                .replaceWithVoid();
    }

    /** A success resets the counter it used, and only that one. */
    public Uni<Void> succeeded(Counter counter) {
        return call(redis.execute("DEL", counter.key())).replaceWithVoid();
    }

    private Uni<Response> call(Uni<Response> command) {
        return command.ifNoItem().after(config.redisTimeout()).fail()
                .onFailure(f -> !(f instanceof ProblemException))
                .transform(f -> ProblemException.retryAfter(ProblemKind.SERVICE_UNAVAILABLE,
                        "Login is unavailable right now; try again shortly.", Duration.ofSeconds(5)));
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
