package io.palisade.gateway.ratelimit;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * GCRA (the generic cell rate algorithm) in one Lua script, so each check is one atomic Redis round trip:
 * a limiter that reads and then increments in two calls lets bursts through under concurrency. GCRA keeps
 * one timestamp per key (the "theoretical arrival time") instead of a list of requests, costs O(1) memory
 * and time, and, unlike a fixed window, allows no double burst at a window's edge: {@code limit} requests
 * may pass at once, then one every {@code window / limit}. A request of cost n takes n units, and passes only
 * while n remain: a refused one takes none. Time comes from Redis itself, so replicas with
 * skewed clocks agree. Keys carry a hash tag (all of a key on one Cluster slot) and expire by themselves.
 * For a per-user bucket the same call first checks whether the token's session was revoked: the key of a
 * revoked session shares the account's hash tag, so both live on one slot, and the check costs no extra
 * round trip.
 */
@ApplicationScoped
class RateLimiter {

    private static final String GCRA = """
            if #KEYS == 2 and redis.call('EXISTS', KEYS[2]) == 1 then
              return {-1, 0, 0, 0}
            end
            local limit = tonumber(ARGV[1])
            local window = tonumber(ARGV[2])
            local cost = tonumber(ARGV[3])
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local interval = window / limit
            local tat = tonumber(redis.call('GET', KEYS[1])) or now
            if tat < now then tat = now end
            local next_tat = tat + interval * cost
            if next_tat - window > now then
              return {0, math.floor((now + window - tat) / interval), math.ceil((tat - now) / 1000),
                      math.ceil((next_tat - window - now) / 1000)}
            end
            redis.call('SET', KEYS[1], tostring(next_tat), 'PX', math.max(1, math.ceil(next_tat - now)))
            return {1, math.floor((now + window - next_tat) / interval), math.ceil((next_tat - now) / 1000), 0}""";

    /** The verdict for one request; {@code revoked} when its session was revoked (nothing was counted). */
    public record Decision(boolean allowed, boolean revoked, long remaining, long resetSeconds, long retryAfterSeconds) {
    }

    /** The script's SHA-1, which EVALSHA names it by on every node that has seen it. */
    private static final String SHA = sha1(GCRA);

    private final ReactiveRedisDataSource redis;

    RateLimiter(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /**
     * Counts a request of {@code cost} units against {@code key}'s bucket of {@code policy}, unless
     * {@code revokedKey} (null: no check) exists; fails when Redis does not answer within {@code timeout}.
     */
    public Uni<Decision> acquire(Policy policy, String key, String revokedKey, int cost, Duration timeout) {
        String redisKey = "palisade:rate-limit:{" + key + "}:" + policy.tag();
        List<String> keys = revokedKey == null ? List.of(redisKey) : List.of(redisKey, revokedKey);
        String[] args = {Integer.toString(policy.limit()), Long.toString(policy.window().toMillis()),
                Integer.toString(cost)};
        return evaluate(keys, args).ifNoItem().after(timeout).fail().map(RateLimiter::decision);
    }

    /**
     * By SHA, and by the script itself when the node that holds the key does not know it yet: each node of a
     * Cluster has a script cache of its own (a SCRIPT LOAD reaches one random node), and a restarted or
     * promoted node starts with an empty one. EVAL caches the script on that node for the next requests.
     */
    private Uni<Response> evaluate(List<String> keys, String[] args) {
        return redis.execute("EVALSHA", command(SHA, keys, args))
                .onFailure(e -> String.valueOf(e.getMessage()).startsWith("NOSCRIPT"))
                .recoverWithUni(() -> redis.execute("EVAL", command(GCRA, keys, args)));
    }

    private static String[] command(String script, List<String> keys, String[] args) {
        List<String> command = new ArrayList<>(keys.size() + args.length + 2);
        command.add(script);
        command.add(Integer.toString(keys.size()));
        command.addAll(keys);
        command.addAll(List.of(args));
        return command.toArray(String[]::new);
    }

    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Decision decision(Response response) {
        long verdict = response.get(0).toLong();
        return new Decision(verdict == 1, verdict == -1, Math.max(0, response.get(1).toLong()),
                Math.max(0, response.get(2).toLong()), Math.max(1, response.get(3).toLong()));
    }
}
