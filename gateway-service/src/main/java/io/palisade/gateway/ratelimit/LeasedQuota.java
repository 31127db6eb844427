package io.palisade.gateway.ratelimit;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * A leased policy's buckets as this replica holds them (API.md, "lease"). A request that its bucket's lease
 * cannot cover makes the one Redis call, which takes up to {@code lease} units at once (giving back what the
 * previous lease left); the requests after it are admitted here, without Redis, until the lease runs out or
 * ends. A replica holds at most one lease per bucket: requests that arrive while its call is out wait for that
 * call rather than each taking a lease, so near the limit the other replicas are refused at most
 * (replicas - 1) x lease units early, and the bucket never admits more than its limit (a give-back is applied
 * only while the bucket still counts the lease: see {@link RateLimiter}). A bucket's first request takes only its
 * own cost; a lease is taken once another follows within that first one's time, so a user who calls once a
 * second costs one Redis call per request, not a take and a give-back. A lease ends after 750 ms and a sweep
 * every 250 ms gives back what it did not use: within a second. A replica that dies holding a lease costs the
 * bucket at most those units, for one window.
 */
@ApplicationScoped
class LeasedQuota {

    private static final Logger LOG = Logger.getLogger(LeasedQuota.class);
    private static final long LEASE_NANOS = Duration.ofMillis(750).toNanos();
    private static final long SWEEP_MILLIS = 250;

    /** One bucket's lease. Guarded by its own monitor; {@code closed} once swept out of the map. */
    private static final class Lease {
        final Policy policy;
        final String key;
        long units;
        long endsAt;
        long remainingInRedis;
        long resetSeconds;
        String generation;
        Uni<RateLimiter.Decision> call;
        boolean closed;

        Lease(Policy policy, String key) {
            this.policy = policy;
            this.key = key;
        }
    }

    private final RateLimiter limiter;
    private final Duration timeout;
    private final Vertx vertx;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private final long sweeper;

    LeasedQuota(RateLimiter limiter, RateLimitConfig config, Vertx vertx) {
        this.limiter = limiter;
        this.timeout = config.redisTimeout();
        this.vertx = vertx;
        this.sweeper = vertx.setPeriodic(SWEEP_MILLIS, tick -> sweep(false));
    }

    /** As {@link RateLimiter#acquire}, from this replica's lease of {@code key}'s bucket where it can. */
    Uni<RateLimiter.Decision> acquire(Policy policy, String key, String revokedKey, int cost) {
        Lease lease = leases.computeIfAbsent(id(policy, key), ignored -> new Lease(policy, key));
        Uni<RateLimiter.Decision> pending;
        synchronized (lease) {
            if (lease.closed) {
                return acquire(policy, key, revokedKey, cost);
            }
            RateLimiter.Decision local = takeLocally(lease, cost);
            if (local != null) {
                return Uni.createFrom().item(local);
            }
            if (lease.call != null) {
                pending = lease.call;
            } else {
                long refund = lease.units;
                lease.units = 0;
                // A bucket's first request in a while takes its own cost only: a lease is for a busy bucket, and
                // one request a second would otherwise pay a take and a give-back, two calls instead of one.
                int want = lease.endsAt == 0 ? cost : Math.max(cost, policy.lease());
                Uni<RateLimiter.Decision> call = limiter.lease(policy, key, revokedKey, cost, want, refund,
                                lease.generation, timeout)
                        .onItemOrFailure().invoke((decision, failure) -> settle(lease, cost, decision))
                        .memoize().indefinitely();
                lease.call = call;
                // This request's own answer counts what its call left in the lease as remaining too.
                return call.map(decision -> !decision.allowed() ? decision
                        : admitted(decision.remaining() + decision.taken() - cost, decision.resetSeconds(), cost));
            }
        }
        // Another request's call is taking this bucket's lease: once it is in, try again from it.
        return pending.onItemOrFailure().transformToUni((ignored, failure) -> acquire(policy, key, revokedKey, cost));
    }

    /**
     * The request admitted from this replica's lease of {@code key}'s bucket, or null when only a Redis call can
     * answer it (no lease, an ended or spent one, or a call already out for it).
     */
    RateLimiter.Decision fromLease(Policy policy, String key, int cost) {
        Lease lease = leases.get(id(policy, key));
        if (lease == null) {
            return null;
        }
        synchronized (lease) {
            return lease.closed ? null : takeLocally(lease, cost);
        }
    }

    private static String id(Policy policy, String key) {
        return policy.tag() + '\n' + key;
    }

    /** Takes {@code cost} units from the lease while it covers them and has not ended; the caller holds its monitor. */
    private static RateLimiter.Decision takeLocally(Lease lease, int cost) {
        if (lease.call != null || lease.units < cost || System.nanoTime() - lease.endsAt >= 0) {
            return null;
        }
        lease.units -= cost;
        return admitted(lease.remainingInRedis + lease.units, lease.resetSeconds, cost);
    }

    private static RateLimiter.Decision admitted(long remaining, long resetSeconds, int cost) {
        return new RateLimiter.Decision(true, false, remaining, resetSeconds, 0, cost, "");
    }

    /** The lease the call brought: what it took beyond its own request's cost, until it ends. */
    private static void settle(Lease lease, int cost, RateLimiter.Decision decision) {
        synchronized (lease) {
            lease.call = null;
            if (decision == null || !decision.allowed()) {
                return;
            }
            lease.units = decision.taken() - cost;
            lease.endsAt = System.nanoTime() + LEASE_NANOS;
            lease.remainingInRedis = decision.remaining();
            lease.resetSeconds = decision.resetSeconds();
            lease.generation = decision.generation();
        }
    }

    /** Gives back what ended leases (every lease, when {@code all}) did not use, and forgets idle buckets. */
    private List<Uni<RateLimiter.Decision>> sweep(boolean all) {
        long now = System.nanoTime();
        List<Uni<RateLimiter.Decision>> givingBack = new ArrayList<>();
        leases.forEach((id, lease) -> {
            long unused;
            String generation;
            synchronized (lease) {
                if (lease.call != null || !all && now - lease.endsAt < 0) {
                    return;
                }
                unused = lease.units;
                generation = lease.generation;
                lease.units = 0;
                lease.closed = true;
                leases.remove(id, lease);
            }
            if (unused > 0) {
                Uni<RateLimiter.Decision> giveBack = limiter.lease(lease.policy, lease.key, null, 0, 0, unused,
                                generation, timeout)
                        .onFailure().invoke(failure -> LOG.debugf("%d unused units of a lease were not given back: %s",
                                unused, failure))
                        .memoize().indefinitely();
                giveBack.subscribe().with(given -> { }, failure -> { });
                givingBack.add(giveBack);
            }
        });
        return givingBack;
    }

    /** A replica that stops gives its leases back (waiting a moment for Redis) rather than leaving them to expire. */
    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(sweeper);
        List<Uni<RateLimiter.Decision>> givingBack = sweep(true);
        if (!givingBack.isEmpty()) {
            Uni.join().all(givingBack).andCollectFailures().onFailure().recoverWithNull()
                    .await().atMost(timeout.plusSeconds(1));
        }
    }
}
