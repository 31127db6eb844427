package io.palisade.gateway.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Clears the gateway's own rate-limit keys (Redis database 2 in tests), so each test starts with full buckets.
 * A client of its own rather than the app's bean: the tests that call it also rerun against the packaged build,
 * where the test has no CDI container.
 */
public final class RateLimitKeys {

    private static final Vertx VERTX = Vertx.vertx();
    private static final RedisAPI REDIS = RedisAPI.api(Redis.createClient(VERTX, "redis://127.0.0.1:6379/2"));

    private RateLimitKeys() {
    }

    public static void clear() {
        List<String> keys = await(REDIS.keys("palisade:rate-limit:*")).stream().map(Response::toString).toList();
        if (!keys.isEmpty()) {
            await(REDIS.del(keys));
        }
    }

    private static Response await(Future<Response> command) {
        try {
            return command.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not clear the rate-limit keys in Redis", e);
        }
    }
}
