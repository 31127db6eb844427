package io.palisade.auth.throttle;

import io.palisade.auth.secret.Digests;
import io.palisade.common.events.SecurityEvent;
import io.palisade.common.events.SecurityEvents;
import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Counts failed logins per normalised email, whether the account exists or not (so throttling reveals
 * nothing), in separate counters: one per known device of the account, one shared by every other login.
 * An attacker's failures fill the shared counter and lock out strangers only; the owner's browsers, which
 * present the account's device token, keep their own counters. A lockout is a TTL, never permanent.
 *
 * <p>A login reserves its failure before its password is checked, in the same atomic Redis round trip (a
 * Lua script) that decides whether it may proceed: checking first and counting after the hash would let
 * every login that arrives during those tens of milliseconds through, so 20 concurrent guesses would all
 * be checked. With the reservation, of any number of concurrent logins on one counter at most
 * {@code max-failures} have their password checked in a window. A success resets the counter; a login that
 * ends without a verdict (the hashing pool was full) gives its reservation back.
 * Keys carry their email hash as a hash tag, work on Redis Cluster, and expire with the window. If Redis is
 * unavailable, logins fail closed with 503: without a counter, brute force would be unbounded.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class);

    private static final String RESERVE = """
            local n = tonumber(redis.call('GET', KEYS[1]) or '0')
            if n >= tonumber(ARGV[1]) then return math.max(1, redis.call('PTTL', KEYS[1])) end
            n = redis.call('INCR', KEYS[1])
            if n == 1 or redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            redis.call('SADD', KEYS[2], KEYS[1])
            redis.call('PEXPIRE', KEYS[2], ARGV[2])
            return 0""";
    private static final String RELEASE = """
            if tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then redis.call('DECR', KEYS[1]) end
            return 0""";

    /** Which counter a login attempt uses. */
    public record Counter(String key) {

        /** {@code shared}, {@code device} or {@code session}, for the security log. */
        String kind() {
            return key.contains("}:device:") ? "device" : key.contains("}:session:") ? "session" : "shared";
        }
    }

    private final ReactiveRedisDataSource redis;
    private final LoginThrottleConfig config;
    private final SecurityEvents events;

    LoginThrottle(ReactiveRedisDataSource redis, LoginThrottleConfig config, SecurityEvents events) {
        this.redis = redis;
        this.config = config;
        this.events = events;
    }

    /** The counter for {@code email}: the device's own when {@code deviceId} is a device of that account. */
    public Counter counter(String normalisedEmail, String deviceId) {
        String base = base(normalisedEmail);
        return new Counter(deviceId == null ? base + "shared" : base + "device:" + Digests.sha256Hex(deviceId));
    }

    /**
     * The counter of one signed-in session, for its re-authentications when the device that signed in to it is
     * not known (sessions older than that record).
     */
    public Counter ofSession(String normalisedEmail, UUID sessionId) {
        return new Counter(base(normalisedEmail) + "session:" + sessionId);
    }

    /**
     * How a guarded check ended, in the caller's words; the throttle turns it into the counter's bookkeeping.
     * A check that fails instead of answering one (a full hashing pool, an outage) had no verdict, and its
     * reservation is given back.
     */
    public static final class Verdict<T> {

        private enum Ending { RESET, GIVE_BACK, KEEP }

        private final Ending ending;
        private final T value;
        private final RuntimeException answer;

        private Verdict(Ending ending, T value, RuntimeException answer) {
            this.ending = ending;
            this.value = value;
            this.answer = answer;
        }

        /** The credential was right and the attempt is over: the counter starts afresh. */
        public static <T> Verdict<T> right(T value) {
            return new Verdict<>(Ending.RESET, value, null);
        }

        /**
         * The credential was right but the login is not over (a code step follows): the reservation is given
         * back and the counter is left as it was, so the wrong codes to come count on it.
         */
        public static <T> Verdict<T> rightSoFar(T value) {
            return new Verdict<>(Ending.GIVE_BACK, value, null);
        }

        /** The credential was right, yet the attempt is refused with {@code answer}: nothing is counted. */
        public static <T> Verdict<T> refused(RuntimeException answer) {
            return new Verdict<>(Ending.GIVE_BACK, null, answer);
        }

        /** The credential was wrong: the failure stays counted, and {@code answer} is what the client gets. */
        public static <T> Verdict<T> wrong(RuntimeException answer) {
            return new Verdict<>(Ending.KEEP, null, answer);
        }
    }

    /**
     * One guess at a password or code, counted on {@code counter}: the failure is reserved first, in the
     * Redis round trip that decides whether the guess may be checked at all; a full counter answers 429 and
     * records {@code login_throttled} (with {@code accountId} when known, which stays out of the answer);
     * otherwise {@code check} runs and its {@link Verdict} ends the attempt.
     */
    public <T> Uni<T> attempt(Counter counter, UUID accountId, Supplier<Uni<Verdict<T>>> check) {
        return reserve(counter).chain(locked -> {
            if (locked.isPresent()) {
                Map<String, String> fields = new HashMap<>();
                if (accountId != null) {
                    fields.put("accountId", accountId.toString());
                }
                fields.put("counter", counter.kind());
                events.record(SecurityEvent.LOGIN_THROTTLED, fields);
                throw ProblemException.retryAfter(ProblemKind.TOO_MANY_REQUESTS,
                        "Too many failed attempts; try again later.", locked.get());
            }
            return check.get().onFailure().call(noVerdict -> release(counter)).chain(verdict -> {
                Uni<Void> ending = switch (verdict.ending) {
                    case RESET -> succeeded(counter);
                    case GIVE_BACK -> release(counter);
                    case KEEP -> Uni.createFrom().voidItem();
                };
                return ending.map(done -> {
                    if (verdict.answer != null) {
                        throw verdict.answer;
                    }
                    return verdict.value;
                });
            });
        });
    }

    /**
     * Counts this attempt as a failure in advance. Empty when it may proceed to its check; otherwise the
     * counter is full and the value is how long until it empties.
     */
    private Uni<Optional<Duration>> reserve(Counter counter) {
        return call(redis.execute("EVAL", RESERVE, "2", counter.key(), counters(counter.key()),
                Integer.toString(config.maxFailures()),
                Long.toString(config.window().toMillis())))
                .map(response -> {
                    long pttl = response.toLong();
                    return pttl > 0 ? Optional.of(Duration.ofMillis(pttl)) : Optional.<Duration>empty();
                });
    }

    /** Gives back a reservation whose guess was never checked, or was right without ending the login. */
    private Uni<Void> release(Counter counter) {
        return call(redis.execute("EVAL", RELEASE, "1", counter.key())).replaceWithVoid();
    }

    /** A success resets the counter it used, and only that one. */
    private Uni<Void> succeeded(Counter counter) {
        return call(redis.execute("DEL", counter.key())).replaceWithVoid();
    }

    /**
     * Empties every counter of the email (the shared one, each device's, each session's): a password reset starts
     * afresh. The counters are found in the set each reservation names its counter in, not by a key scan, which
     * on a Redis Cluster reaches one node; the set and the counters share the email's hash tag, so one node
     * holds them all.
     */
    public Uni<Void> clearAll(String normalisedEmail) {
        String counters = base(normalisedEmail) + "counters";
        return call(redis.execute("SMEMBERS", counters)).chain(members -> {
            List<String> keys = new ArrayList<>();
            members.forEach(member -> keys.add(member.toString()));
            keys.add(counters);
            return call(redis.execute("DEL", keys.toArray(String[]::new)));
        }).replaceWithVoid();
    }

    /** The set of {@code counterKey}'s siblings: every counter key of the same email, under its hash tag. */
    private static String counters(String counterKey) {
        return counterKey.substring(0, counterKey.indexOf("}:") + 2) + "counters";
    }

    private static String base(String normalisedEmail) {
        return "palisade:login-throttle:{" + Digests.sha256Hex(normalisedEmail) + "}:";
    }

    private Uni<Response> call(Uni<Response> command) {
        return command.ifNoItem().after(config.redisTimeout()).fail()
                .onFailure(f -> !(f instanceof ProblemException))
                .transform(f -> {
                    LOG.warnf("login throttle unavailable: %s", f.toString());
                    return ProblemException.dependencyUnavailable("Login is unavailable right now; try again shortly.");
                });
    }
}
