package io.palisade.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.common.events.SecurityEvent;
import io.palisade.common.events.SecurityEvents;
import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.palisade.common.problem.Problems;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Applies a policy to a request: the verdict, the draft-10 RateLimit headers it carries, and what happens
 * when Redis is unavailable: the auth policies fail closed (an unbounded login endpoint is a brute-force
 * endpoint), the api policy fails open by default (an outage of the limiter should not be an outage of the
 * API), each configured policy as its {@code when-redis-down} says. Both are logged and counted, and every
 * request tries Redis again, so limiting resumes by itself.
 */
@ApplicationScoped
public class RateLimitGate {

    private static final Logger LOG = Logger.getLogger(RateLimitGate.class);
    private static final Verdict PROCEED = Verdict.proceed(Map.of());

    /** What to do with a request; {@code refusal} is null when it may proceed. */
    public record Verdict(Map<String, String> headers, ProblemKind refusal, String detail) {
        private static Verdict proceed(Map<String, String> headers) {
            return new Verdict(headers, null, null);
        }

        /** The token's session was revoked: a 401 with RFC 6750's invalid_token challenge. */
        public static Verdict sessionRevoked() {
            return new Verdict(Problems.INVALID_TOKEN, ProblemKind.UNAUTHENTICATED, "This session has ended: log in again.");
        }

        public boolean allowed() {
            return refusal == null;
        }
    }

    private final RateLimiter limiter;
    private final LeasedQuota leases;
    private final RateLimitConfig config;
    private final SecurityEvents events;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, String> policyHeaders = new ConcurrentHashMap<>();

    RateLimitGate(RateLimiter limiter, LeasedQuota leases, RateLimitConfig config, SecurityEvents events,
            MeterRegistry registry) {
        this.limiter = limiter;
        this.leases = leases;
        this.config = config;
        this.events = events;
        this.registry = registry;
    }

    /**
     * The verdict when this replica can give it without Redis (rate limiting off, or a leased policy whose lease
     * covers the request), or null when only {@link #check} can. The caller has asked the local copy of the
     * revoked sessions already, as {@link #check} expects of a leased policy.
     */
    public Verdict checkNow(Policy policy, int cost, String key) {
        if (!config.enabled()) {
            return PROCEED;
        }
        if (policy.lease() <= 1) {
            return null;
        }
        RateLimiter.Decision decision = leases.fromLease(policy, key, cost);
        return decision == null ? null : verdict(policy, decision);
    }

    /**
     * Counts a request of {@code cost} units; {@code revokedKey}, when not null, is checked in the same Redis
     * call, before anything is counted. A leased policy's request is counted from this replica's lease when it
     * covers it, and then only the local copy of the revoked sessions is asked (the caller's).
     */
    public Uni<Verdict> check(Policy policy, int cost, String key, String revokedKey) {
        if (!config.enabled()) {
            return Uni.createFrom().item(PROCEED);
        }
        Uni<RateLimiter.Decision> decided = policy.lease() > 1 ? leases.acquire(policy, key, revokedKey, cost)
                : limiter.acquire(policy, key, revokedKey, cost, config.redisTimeout());
        return decided.map(decision -> verdict(policy, decision))
                .onFailure().recoverWithItem(failure -> degraded(policy, failure));
    }

    private Verdict verdict(Policy policy, RateLimiter.Decision decision) {
        if (decision.revoked()) {
            return Verdict.sessionRevoked();
        }
        String state = "\"" + policy.tag() + "\";r=" + decision.remaining() + ";t=" + decision.resetSeconds();
        // The policy's own header is the same for every answer: built once per policy, not per request.
        String policyHeader = policyHeaders.computeIfAbsent(policy.tag(),
                tag -> "\"" + tag + "\";q=" + policy.limit() + ";w=" + policy.window().toSeconds());
        if (decision.allowed()) {
            count(policy, "allowed");
            return Verdict.proceed(Map.of("RateLimit-Policy", policyHeader, "RateLimit", state));
        }
        count(policy, "rejected");
        events.record(SecurityEvent.RATE_LIMIT_REJECTED, policy.tag(), Map.of());
        return new Verdict(Map.of("RateLimit-Policy", policyHeader, "RateLimit", state,
                "Retry-After", Long.toString(decision.retryAfterSeconds())),
                ProblemKind.TOO_MANY_REQUESTS, "Rate limit exceeded; retry after the Retry-After delay.");
    }

    private Verdict degraded(Policy policy, Throwable failure) {
        LOG.warnf("rate limiting degraded for policy %s: %s", policy.tag(), failure.getClass().getSimpleName());
        events.record(SecurityEvent.RATE_LIMITING_DEGRADED, policy.tag(), Map.of());
        if (!policy.failsClosed()) {
            count(policy, "failed-open");
            return PROCEED;
        }
        count(policy, "failed-closed");
        String retryAfter = Long.toString(ProblemException.DEPENDENCY_RETRY.toSeconds());
        return new Verdict(Map.of("Retry-After", retryAfter), ProblemKind.SERVICE_UNAVAILABLE,
                "This endpoint is unavailable right now; try again shortly.");
    }

    /** One counter per policy and outcome, registered on first use rather than looked up by builder per request. */
    private void count(Policy policy, String outcome) {
        counters.computeIfAbsent(policy.tag() + ' ' + outcome, key -> Counter.builder("palisade.gateway.rate.limit.decisions")
                .description("Rate-limit decisions by policy").tag("policy", policy.tag()).tag("outcome", outcome)
                .register(registry)).increment();
    }
}
