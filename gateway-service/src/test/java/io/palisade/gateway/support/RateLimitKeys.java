package io.palisade.gateway.support;

import io.quarkus.redis.datasource.RedisDataSource;

/** Clears the gateway's own rate-limit keys (Redis database 2 in tests), so each test starts with full buckets. */
public final class RateLimitKeys {

    private RateLimitKeys() {
    }

    public static void clear(RedisDataSource redis) {
        for (String key : redis.key().keys("palisade:rate-limit:*")) {
            redis.key().del(key);
        }
    }
}
