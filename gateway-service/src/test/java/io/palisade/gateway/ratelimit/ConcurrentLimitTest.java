package io.palisade.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.testing.Concurrently;
import io.palisade.gateway.support.Logins;
import io.palisade.gateway.support.RateLimitKeys;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Of requests fired all at once, exactly the limit pass, also when two gateway instances share Redis.
 */
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class ConcurrentLimitTest {

    @Inject
    ReactiveRedisDataSource reactiveRedis;

    @Inject
    Policies policies;

    @BeforeEach
    void fullBuckets() {
        RateLimitKeys.clear();
    }

    @Test
    void exactlyTheLimitPassesOutOfLimitPlusTwentyFiredConcurrently() {
        List<Response> answers = Concurrently.run(25, i -> Logins.post(null));
        assertThat(answers.stream().filter(r -> r.statusCode() == 200)).hasSize(5);
        assertThat(answers.stream().filter(r -> r.statusCode() == 429)).hasSize(20);
    }

    @Test
    void exactlyTheLimitPassesWhenTwoLimiterInstancesShareRedis() {
        RateLimiter otherInstance = new RateLimiter(reactiveRedis);
        List<Boolean> allowed = Concurrently.run(26, i -> i % 2 == 0
                ? Logins.post(null).statusCode() == 200
                : otherInstance.acquire(policies.named("login", "test"), "ip:127.0.0.1", null, 1, Duration.ofSeconds(2))
                        .await().atMost(Duration.ofSeconds(5)).allowed());
        assertThat(allowed.stream().filter(a -> a)).hasSize(5);
    }
}
