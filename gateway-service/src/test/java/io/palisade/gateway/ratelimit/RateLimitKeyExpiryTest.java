package io.palisade.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.gateway.support.Logins;
import io.palisade.gateway.support.RateLimitKeys;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every rate-limit key carries a hash tag and expires by itself, so Redis never fills with old buckets.
 */
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class RateLimitKeyExpiryTest {

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void fullBuckets() {
        RateLimitKeys.clear();
    }

    @Test
    void keysExpireByThemselves() {
        Logins.post(null);
        List<String> keys = redis.key().keys("palisade:rate-limit:*");
        assertThat(keys).isNotEmpty().allSatisfy(key -> {
            assertThat(key).matches("palisade:rate-limit:\\{[^}]+\\}:[a-z]+");
            assertThat(redis.key().pttl(key)).isPositive();
        });
    }
}
