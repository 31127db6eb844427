package io.palisade.gateway.ratelimit;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * GCRA (the generic cell rate algorithm) in one Lua script, so each check is one atomic Redis round trip:
 * a limiter that reads and then increments in two calls lets bursts through under concurrency. GCRA keeps
 * one timestamp per key (the "theoretical arrival time") instead of a list of requests, costs O(1) memory
 * and time, and, unlike a fixed window, allows no double burst at a window's edge: {@code limit} requests
 * may pass at once, then one every {@code window / limit}. Time comes from Redis itself, so replicas with
 * skewed clocks agree. Keys carry a hash tag (all of a key on one Cluster slot) and expire by themselves.
 */
@ApplicationScoped
public class RateLimiter {

    private static final String GCRA = """
            local limit = tonumber(ARGV[1])
            local window = tonumber(ARGV[2])
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local interval = window / limit
            local tat = tonumber(redis.call('GET', KEYS[1])) or now
            if tat < now then tat = now end
            local next_tat = tat + interval
            if next_tat - window > now then
              return {0, 0, math.ceil((tat - now) / 1000), math.ceil((next_tat - window - now) / 1000)}
            end
            redis.call('SET', KEYS[1], tostring(next_tat), 'PX', math.max(1, math.ceil(next_tat - now)))
            return {1, math.floor((now + window - next_tat) / interval), math.ceil((next_tat - now) / 1000), 0}""";

    /** The verdict for one request. */
    public record Decision(boolean allowed, long remaining, long resetSeconds, long retryAfterSeconds) {
    }

    private final ReactiveRedisDataSource redis;
    private volatile String sha;

    RateLimiter(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** Counts one request against {@code key}; fails when Redis does not answer within {@code timeout}. */
    public Uni<Decision> acquire(Policy policy, String key, int limit, Duration window, Duration timeout) {
        String redisKey = "palisade:rate-limit:{" + policy.tag() + ":" + key + "}";
        String[] args = {Integer.toString(limit), Long.toString(window.toMillis())};
        return evaluate(redisKey, args).ifNoItem().after(timeout).fail().map(RateLimiter::decision);
    }

    private Uni<Response> evaluate(String key, String[] args) {
        String known = sha;
        if (known == null) {
            return load().chain(loaded -> evalsha(loaded, key, args));
        }
        return evalsha(known, key, args).onFailure(e -> String.valueOf(e.getMessage()).startsWith("NOSCRIPT"))
                // Redis restarted or flushed its script cache: load again, once.
                .recoverWithUni(() -> load().chain(loaded -> evalsha(loaded, key, args)));
    }

    private Uni<Response> evalsha(String scriptSha, String key, String[] args) {
        return redis.execute("EVALSHA", scriptSha, "1", key, args[0], args[1]);
    }

    private Uni<String> load() {
        return redis.execute("SCRIPT", "LOAD", GCRA).map(response -> {
            sha = response.toString();
            return sha;
        });
    }

    private static Decision decision(Response response) {
        return new Decision(response.get(0).toLong() == 1, Math.max(0, response.get(1).toLong()),
                Math.max(0, response.get(2).toLong()), Math.max(1, response.get(3).toLong()));
    }
}
