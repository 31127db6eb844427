package io.palisade.gateway.routing;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRoute;
import io.opentelemetry.instrumentation.api.semconv.http.HttpServerRouteSource;
import io.micrometer.core.instrument.Timer;
import io.palisade.common.clientip.ClientIps;
import io.palisade.common.logging.AccessLog;
import io.palisade.common.problem.ProblemKind;
import io.palisade.common.problem.Problems;
import io.palisade.common.requestid.RequestContext;
import io.palisade.common.revocation.RevocationKeys;
import io.palisade.common.revocation.RevokedSessions;
import io.palisade.common.tracing.Traces;
import io.palisade.gateway.GatewayFilterOrder;
import io.palisade.gateway.clientip.ClientIpResolver;
import io.palisade.gateway.edgeauth.EdgeTokenCheck;
import io.palisade.gateway.proxy.UpstreamProxy;
import io.palisade.gateway.ratelimit.RateLimitGate;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A request after the edge filters: route it on its canonical path, verify its token (on routes that need one, and
 * for the per-user rate-limit key), refuse it if its session was revoked, count it against its policy, and hand
 * it to the upstream. Every refusal here is a problem document; an unverifiable token is counted against the
 * client's IP before its 401.
 */
@ApplicationScoped
class GatewayPipeline {

    private final RouteTable routes;
    private final EdgeTokenCheck edge;
    private final RateLimitGate rateLimits;
    private final RevokedSessions revoked;
    private final UpstreamProxy proxy;
    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    GatewayPipeline(RouteTable routes, EdgeTokenCheck edge, RateLimitGate rateLimits,
            RevokedSessions revoked, UpstreamProxy proxy, MeterRegistry registry) {
        this.routes = routes;
        this.edge = edge;
        this.rateLimits = rateLimits;
        this.revoked = revoked;
        this.proxy = proxy;
        this.registry = registry;
    }

    void install(@Observes Router router) {
        router.route().order(GatewayFilterOrder.ROUTE).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        RouteTable.Decision decision = routes.decide(ctx);
        String routeName = decision.route().map(Route::name).orElse("none");
        ctx.addEndHandler(v -> timer(routeName, ctx.response().getStatusCode())
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
        if (decision.route().isEmpty()) {
            refuse(ctx, decision);
            return;
        }
        Route route = decision.route().get();
        // The span is named from configuration, never from the path a client sent.
        HttpServerRoute.update(Context.current(), HttpServerRouteSource.CONTROLLER, route.pattern());
        Traces.tag(Traces.ROUTE, route.name());
        String ip = ClientIps.of(ctx);
        String authorization = ctx.request().getHeader("Authorization");
        // A route with auth none never reads the header (it still goes upstream): on login and the other
        // IP-keyed routes a token must not open a fresh bucket.
        boolean readsToken = authorization != null && route.auth() != RouteConfig.Auth.NONE;
        // Most requests are answered here and now: a token verified before, and a verdict from the lease (or no
        // limiting at all). Only the rest go through a pipeline that resumes on this request's event loop.
        EdgeTokenCheck.Known known = readsToken ? edge.knownNow(authorization) : EdgeTokenCheck.Known.NONE;
        if (known != null) {
            Bucket bucket = bucket(route, ip, known.token());
            Admission now = bucket.revoked() ? bucket.refused()
                    : admission(known.token(), rateLimits.checkNow(route.policy(), route.cost(), bucket.key()));
            if (now != null) {
                admit(ctx, route, decision.path(), ip, started, now);
                return;
            }
        }
        Uni<EdgeTokenCheck.VerifiedToken> token = known != null ? Uni.createFrom().item(known.token())
                : edge.verify(authorization);
        RequestContext.resumeOnCaller(token.chain(verified -> {
                    Bucket bucket = bucket(route, ip, verified);
                    if (bucket.revoked()) {
                        return Uni.createFrom().item(bucket.refused());
                    }
                    return rateLimits.check(route.policy(), route.cost(), bucket.key(), bucket.revokedKey())
                            .map(verdict -> new Admission(verified, verdict));
                }))
                .subscribe().with(admission -> admit(ctx, route, decision.path(), ip, started, admission),
                        failure -> Problems.write(ctx, ProblemKind.INTERNAL,
                                "The request could not be completed. Quote the request id when reporting this.",
                                Map.of()));
    }

    /**
     * The bucket a request counts against: its user's on a user-keyed policy with a verified token, else its
     * client's IP; {@code revoked} when the local copy already knows the token's session has ended.
     */
    private record Bucket(String key, String revokedKey, boolean revoked) {
        Admission refused() {
            return new Admission(null, RateLimitGate.Verdict.sessionRevoked());
        }
    }

    private Bucket bucket(Route route, String ip, EdgeTokenCheck.VerifiedToken verified) {
        boolean byUser = verified != null && route.policy().keyedByUser();
        String key = byUser ? RevocationKeys.accountTag(verified.subject()) : "ip:" + ClientIpResolver.rateLimitKey(ip);
        // The local copy answers first; Redis' own keys are read in the rate-limit call, so a revocation this
        // gateway has not heard of yet is refused as well.
        String revokedKey = byUser && verified.sessionId() != null
                ? RevocationKeys.key(verified.subject(), verified.sessionId())
                : null;
        return new Bucket(key, revokedKey, verified != null && revoked.isRevoked(verified.sessionId()));
    }

    private static Admission admission(EdgeTokenCheck.VerifiedToken token, RateLimitGate.Verdict verdict) {
        return verdict == null ? null : new Admission(token, verdict);
    }

    /** One timer per route and status, registered on first use rather than looked up by builder per request. */
    private Timer timer(String route, int status) {
        return timers.computeIfAbsent(route + ' ' + status, key -> Timer.builder("palisade.gateway.requests")
                .description("Requests through the gateway by route and status")
                .tag("route", route).tag("status", Integer.toString(status)).register(registry));
    }

    private record Admission(EdgeTokenCheck.VerifiedToken token, RateLimitGate.Verdict verdict) {
    }

    private static void refuse(RoutingContext ctx, RouteTable.Decision decision) {
        switch (decision.refusal()) {
            case AMBIGUOUS -> Problems.write(ctx, ProblemKind.MALFORMED_REQUEST, "The path is not in canonical form.",
                    Map.of());
            case METHOD -> Problems.write(ctx, ProblemKind.METHOD_NOT_ALLOWED, "This path does not take this method.",
                    Map.of("Allow", decision.allowed().stream().map(HttpMethod::name).sorted()
                            .collect(Collectors.joining(", "))));
            default -> Problems.write(ctx, ProblemKind.NOT_FOUND, "No resource at this path.", Map.of());
        }
    }

    private void admit(RoutingContext ctx, Route route, String path, String ip, long started, Admission admission) {
        RateLimitGate.Verdict verdict = admission.verdict();
        if (!verdict.headers().isEmpty() && verdict.refusal() != ProblemKind.UNAUTHENTICATED) {
            // Set as the headers go out, so an upstream cannot send its own RateLimit values.
            ctx.addHeadersEndHandler(v -> verdict.headers().forEach(ctx.response().headers()::set));
        }
        if (!verdict.allowed()) {
            Problems.write(ctx, verdict.refusal(), verdict.detail(),
                    verdict.refusal() == ProblemKind.UNAUTHENTICATED ? verdict.headers() : Map.of());
            return;
        }
        EdgeTokenCheck.VerifiedToken token = admission.token();
        boolean presented = route.auth() != RouteConfig.Auth.NONE && ctx.request().getHeader("Authorization") != null;
        if (token != null) {
            ctx.put(AccessLog.SUBJECT, token.subject());
            Traces.tag(Traces.ACCOUNT_ID, token.subject());
            if (!route.roles().isEmpty() && route.roles().stream().noneMatch(token.roles()::contains)) {
                Problems.write(ctx, ProblemKind.FORBIDDEN, "This route needs a role the token does not carry.", Map.of());
                return;
            }
        } else if (route.auth() == RouteConfig.Auth.REQUIRED || presented) {
            // RFC 6750: a token that was presented and refused is invalid_token; none at all is a bare challenge.
            Problems.write(ctx, ProblemKind.UNAUTHENTICATED, "A valid bearer access token is required.",
                    presented ? Problems.INVALID_TOKEN : Map.of());
            return;
        }
        proxy.forward(ctx, route.upstream(), route.responseTimeout(), route.name(), path, ip, started);
    }
}
