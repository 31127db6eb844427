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
 * round trip. A leased policy's call takes up to {@code want} units at once (at least {@code need}, the
 * request's cost), first giving back the {@code refund} units of the replica's previous lease it did not use.
 * A give-back is exact only while the bucket still counts the lease's units: once the bucket has run full (its
 * timestamp fell behind the clock, and was reset), units given back would be subtracted from later requests
 * and let more than the limit through. So the bucket keeps a generation, renewed at every such reset, each
 * lease carries the generation it was taken in, and a give-back from an older generation is dropped: those
 * units have already returned by themselves.
 */
@ApplicationScoped
class RateLimiter {

    private static final String GCRA = """
            local leased = #KEYS == 3
            local revoked = leased and KEYS[3] or KEYS[2]
            local limit = tonumber(ARGV[1])
            local window = tonumber(ARGV[2])
            local need = tonumber(ARGV[3])
            local want = tonumber(ARGV[4])
            local refund = tonumber(ARGV[5])
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local interval = window / limit
            local tat = tonumber(redis.call('GET', KEYS[1]))
            local generation = leased and redis.call('GET', KEYS[2]) or ''
            if not tat or tat < now then
              tat = now
              if leased then generation = tostring(now) end
            elseif refund > 0 and generation == ARGV[6] then
              tat = math.max(now, tat - interval * refund)
              redis.call('SET', KEYS[1], tostring(tat), 'PX', math.max(1, math.ceil(tat - now)))
            end
            if revoked and redis.call('EXISTS', revoked) == 1 then
              return {-1, 0, 0, 0, 0, ''}
            end
            local next_tat = tat + interval * need
            if next_tat - window > now then
              return {0, math.floor((now + window - tat) / interval), math.ceil((tat - now) / 1000),
                      math.ceil((next_tat - window - now) / 1000), 0, ''}
            end
            local take = math.max(need, math.min(want, math.floor((now + window - tat) / interval)))
            next_tat = tat + interval * take
            local ttl = math.max(1, math.ceil(next_tat - now))
            redis.call('SET', KEYS[1], tostring(next_tat), 'PX', ttl)
            if leased then redis.call('SET', KEYS[2], generation, 'PX', ttl) end
            return {1, math.floor((now + window - next_tat) / interval), math.ceil((next_tat - now) / 1000), 0, take,
                    generation}""";

    /**
     * The verdict for one request; {@code revoked} when its session was revoked (nothing was counted). {@code taken}
     * is how many units the call took: the request's cost, or a lease's worth, taken in the bucket's
     * {@code generation} (leased calls only).
     */
    public record Decision(boolean allowed, boolean revoked, long remaining, long resetSeconds, long retryAfterSeconds,
            long taken, String generation) {
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
        String bucket = bucket(policy, key);
        List<String> keys = revokedKey == null ? List.of(bucket) : List.of(bucket, revokedKey);
        return call(policy, keys, cost, cost, 0, "", timeout);
    }

    /**
     * A leased policy's call: takes between {@code need} and {@code want} units (as many as remain) from
     * {@code key}'s bucket, after giving back {@code refund} units of a lease taken in {@code generation}, unless
     * {@code revokedKey} (null: no check) exists.
     */
    Uni<Decision> lease(Policy policy, String key, String revokedKey, int need, int want, long refund, String generation,
            Duration timeout) {
        String bucket = bucket(policy, key);
        // The third key is the one whose existence refuses the request: a name nothing writes when there is none.
        List<String> keys = List.of(bucket, bucket + ":generation", revokedKey == null ? bucket + ":none" : revokedKey);
        return call(policy, keys, need, want, refund, generation == null ? "" : generation, timeout);
    }

    private Uni<Decision> call(Policy policy, List<String> keys, int need, int want, long refund, String generation,
            Duration timeout) {
        String[] args = {Integer.toString(policy.limit()), Long.toString(policy.window().toMillis()),
                Integer.toString(need), Integer.toString(want), Long.toString(refund), generation};
        return evaluate(keys, args).ifNoItem().after(timeout).fail().map(RateLimiter::decision);
    }

    private static String bucket(Policy policy, String key) {
        return "palisade:rate-limit:{" + key + "}:" + policy.tag();
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
                Math.max(0, response.get(2).toLong()), Math.max(1, response.get(3).toLong()), response.get(4).toLong(),
                response.get(5).toString());
    }
}
