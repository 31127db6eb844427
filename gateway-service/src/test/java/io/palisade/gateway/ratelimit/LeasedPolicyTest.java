package io.palisade.gateway.ratelimit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.revocation.RevokedSessions;
import io.palisade.common.testing.Concurrently;
import io.palisade.common.testing.TestRevocations;
import io.palisade.common.testing.TestTokens;
import io.palisade.gateway.support.RateLimitKeys;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A user-keyed policy with {@code lease} 10 and a limit of 100 (API.md, "lease"): one replica counts exactly as
 * without a lease, headers included, and asks Redis about once per ten requests; a lease's unused units come
 * back within a second, unless the bucket ran full meanwhile; a replica that dies holding a lease costs the
 * bucket those units and no more; a session revoked meanwhile is refused from the local copy before the lease
 * admits it; and however four replicas interleave, fired at once, the bucket never admits
 * 101.
 */
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
@TestProfile(LeasedPolicyTest.Leased.class)
class LeasedPolicyTest {

    private static final Pattern REMAINING = Pattern.compile(";r=(\\d+);");

    public static class Leased implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("palisade.gateway.policies.leased.limit", "100",
                    "palisade.gateway.policies.leased.window", "PT1H",
                    "palisade.gateway.policies.leased.lease", "10",
                    "palisade.gateway.routes.leased.path", "/api/leased/**",
                    "palisade.gateway.routes.leased.upstream", "${palisade.gateway.routes.orders.upstream}",
                    "palisade.gateway.routes.leased.policy", "leased");
        }
    }

    @Inject
    ReactiveRedisDataSource reactiveRedis;

    @Inject
    RedisDataSource redis;

    @Inject
    Policies policies;

    @Inject
    RevokedSessions feed;

    @Inject
    RateLimitConfig config;

    @Inject
    Vertx vertx;

    @BeforeEach
    void fullBuckets() {
        RateLimitKeys.clear();
    }

    @Test
    void oneReplicaCountsExactlyAndAsksRedisOncePerLease() {
        String token = TestTokens.user(UUID.randomUUID()).sign();
        long callsBefore = scriptCalls();
        for (int i = 1; i <= 100; i++) {
            Response answer = get(token);
            assertThat(answer.statusCode()).as("request %d", i).isEqualTo(200);
            assertThat(remaining(answer)).as("request %d", i).isEqualTo(100 - i);
        }
        long calls = scriptCalls() - callsBefore;
        get(token).then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        assertThat(calls).as("Redis calls for 100 requests").isLessThanOrEqualTo(12);
    }

    @Test
    void aRevokedSessionIsRefusedFromTheLocalCopyWhileItsBucketHoldsALease() throws InterruptedException {
        UUID me = UUID.randomUUID();
        String sid = UUID.randomUUID().toString();
        String token = TestTokens.user(me).session(sid).sign();
        awaitUntil(feed::connected, "the revocation feed connected");
        // The first request takes its own unit, the second a lease of ten: the token is remembered and the
        // bucket's next nine requests are this replica's to admit without Redis.
        get(token).then().statusCode(200);
        get(token).then().statusCode(200);

        TestRevocations.message(redis, me.toString(), sid);
        awaitUntil(() -> feed.isRevoked(sid), "the revocation heard");
        int reached = Upstreams.RECEIVED.size();

        get(token).then().statusCode(401).header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        assertThat(Upstreams.RECEIVED).hasSize(reached);
    }

    private static void awaitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as(what).isNegative();
            Thread.sleep(5);
        }
    }

    @Test
    void aLeasesUnusedUnitsComeBackWithinASecond() throws InterruptedException {
        String token = TestTokens.user(UUID.randomUUID()).sign();
        for (int i = 0; i < 5; i++) {
            get(token).then().statusCode(200);
        }
        Thread.sleep(1_300);
        // Redis has 95 left only if the lease's six unused units came back; else 89, and this says 88.
        assertThat(remaining(get(token))).isEqualTo(94);
    }

    @Test
    void aReplicaThatDiesHoldingALeaseCostsItsUnitsOnly() {
        UUID user = UUID.randomUUID();
        Policy leased = policies.named("leased", "test");
        new RateLimiter(reactiveRedis).lease(leased, "user:" + user, null, 1, 10, 0, null, Duration.ofSeconds(2))
                .await().atMost(Duration.ofSeconds(5));
        String token = TestTokens.user(user).sign();

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            statuses.add(get(token).statusCode());
        }
        assertThat(statuses.stream().filter(status -> status == 200)).hasSize(90);
    }

    @Test
    void aGiveBackFromBeforeTheBucketRanFullIsDropped() throws InterruptedException {
        Policy leased = policies.named("leased", "test");
        RateLimiter limiter = new RateLimiter(reactiveRedis);
        String key = "user:" + UUID.randomUUID();
        Duration timeout = Duration.ofSeconds(2);
        RateLimiter.Decision before = limiter.lease(leased, key, null, 1, 10, 0, null, timeout).await().atMost(timeout);
        // The bucket runs full (its keys expire) and counts five new units: the old lease's units are gone already,
        // and giving them back now would free five units those requests took.
        RateLimitKeys.clear();
        Thread.sleep(5);
        RateLimiter.Decision after = limiter.lease(leased, key, null, 5, 5, 0, null, timeout).await().atMost(timeout);
        assertThat(after.remaining()).isEqualTo(95);

        RateLimiter.Decision stale = limiter.lease(leased, key, null, 0, 0, 9, before.generation(), timeout)
                .await().atMost(timeout);
        assertThat(stale.remaining()).as("a give-back from the bucket's previous generation").isEqualTo(95);
        RateLimiter.Decision current = limiter.lease(leased, key, null, 0, 0, 3, after.generation(), timeout)
                .await().atMost(timeout);
        assertThat(current.remaining()).as("a give-back from its current generation").isEqualTo(98);
    }

    @Test
    void fourReplicasFiredAtOnceNeverAdmitOneTooMany() {
        Policy leased = policies.named("leased", "test");
        List<LeasedQuota> replicas = List.of(replica(), replica(), replica());
        try {
            for (int round = 0; round < 15; round++) {
                RateLimitKeys.clear();
                UUID user = UUID.randomUUID();
                String token = TestTokens.user(user).sign();
                List<Boolean> admitted = Concurrently.run(140, i -> i % 4 == 0 ? get(token).statusCode() == 200
                        : replicas.get(i % 4 - 1).acquire(leased, "user:" + user, null, 1)
                                .await().atMost(Duration.ofSeconds(10)).allowed());
                long passed = admitted.stream().filter(a -> a).count();
                assertThat(passed).as("round %d", round).isLessThanOrEqualTo(100).isGreaterThanOrEqualTo(100 - 3 * 10);
            }
        } finally {
            replicas.forEach(replica -> replica.stop(null));
        }
    }

    private LeasedQuota replica() {
        return new LeasedQuota(new RateLimiter(reactiveRedis), config, vertx);
    }

    private static Response get(String token) {
        return given().auth().oauth2(token).get("/api/leased/items");
    }

    private static long remaining(Response answer) {
        Matcher matcher = REMAINING.matcher(answer.header("RateLimit") + ";");
        assertThat(matcher.find()).as("RateLimit header %s", answer.header("RateLimit")).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    /** EVALSHA and EVAL calls Redis has served: the rate limiter's one script. */
    private long scriptCalls() {
        String stats = redis.execute("INFO", "commandstats").toString();
        long calls = 0;
        for (String command : List.of("cmdstat_evalsha:calls=", "cmdstat_eval:calls=")) {
            int at = stats.indexOf(command);
            if (at >= 0) {
                String rest = stats.substring(at + command.length());
                calls += Long.parseLong(rest.substring(0, rest.indexOf(',')));
            }
        }
        return calls;
    }
}
