package io.palisade.gateway.cors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.common.events.SecurityEvent;
import io.palisade.common.events.SecurityEvents;
import io.palisade.common.problem.ProblemKind;
import io.palisade.common.problem.Problems;
import io.palisade.gateway.GatewayFilterOrder;
import io.quarkus.runtime.LaunchMode;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Set;

/**
 * CORS for an exact allowlist, with credentials. Allowed origins get their CORS headers on every response,
 * errors included, so a frontend can read a 401 or a 429; a disallowed origin's preflight is a 403 with no
 * CORS headers at all. Preflights are answered here, before routing and rate limiting. Whatever CORS
 * headers an upstream sends are dropped: only this class speaks CORS.
 */
@ApplicationScoped
class CorsPolicy {

    static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE";
    static final String ALLOWED_HEADERS = "Content-Type, Authorization, X-CSRF-Token, X-Request-Id";
    /** WWW-Authenticate among them: a frontend tells an expired token (error="invalid_token") from an API's own 401. */
    static final String EXPOSED_HEADERS = "X-Request-Id, Retry-After, RateLimit, RateLimit-Policy, WWW-Authenticate";
    static final String MAX_AGE = "86400";

    private final Set<String> allowed;
    private final SecurityEvents events;
    private final Counter rejections;

    CorsPolicy(CorsConfig config, SecurityEvents events, MeterRegistry registry) {
        this.allowed = Set.copyOf(config.allowedOrigins().orElse(java.util.List.of()).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).toList());
        if (allowed.contains("*") && LaunchMode.current() == LaunchMode.NORMAL) {
            throw new IllegalStateException("palisade.gateway.cors.allowed-origins contains '*': with credentials, "
                    + "that would let every site act as the user; list the frontend origins exactly");
        }
        this.events = events;
        this.rejections = Counter.builder("palisade.gateway.cors.rejections")
                .description("Preflights refused because their origin is not allowed").register(registry);
    }

    void install(@Observes Router router) {
        router.route().order(GatewayFilterOrder.CORS).handler(this::apply);
    }

    private void apply(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        boolean preflight = ctx.request().method() == HttpMethod.OPTIONS
                && ctx.request().getHeader("Access-Control-Request-Method") != null;
        boolean allowedOrigin = origin != null && allowed.contains(origin);
        ctx.addHeadersEndHandler(v -> decorate(ctx.response().headers(), allowedOrigin ? origin : null, preflight));
        if (!preflight) {
            ctx.next();
            return;
        }
        if (!allowedOrigin) {
            rejections.increment();
            events.record(SecurityEvent.CORS_REJECTED);
            Problems.write(ctx, ProblemKind.FORBIDDEN, "This origin may not call the API.", Map.of());
            return;
        }
        ctx.response().setStatusCode(204).end();
    }

    private static void decorate(MultiMap headers, String allowedOrigin, boolean preflight) {
        headers.remove("Access-Control-Allow-Origin").remove("Access-Control-Allow-Credentials")
                .remove("Access-Control-Expose-Headers").remove("Access-Control-Allow-Methods")
                .remove("Access-Control-Allow-Headers").remove("Access-Control-Max-Age");
        headers.set("Vary", "Origin");
        if (allowedOrigin == null) {
            return;
        }
        headers.set("Access-Control-Allow-Origin", allowedOrigin);
        headers.set("Access-Control-Allow-Credentials", "true");
        headers.set("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        if (preflight) {
            headers.set("Access-Control-Allow-Methods", ALLOWED_METHODS);
            headers.set("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            headers.set("Access-Control-Max-Age", MAX_AGE);
        }
    }
}
