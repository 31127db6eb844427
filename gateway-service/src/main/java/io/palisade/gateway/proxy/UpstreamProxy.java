package io.palisade.gateway.proxy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.palisade.common.bodylimit.BodyLimits;
import io.palisade.common.problem.ProblemKind;
import io.palisade.common.problem.Problems;
import io.palisade.common.requestid.RequestIds;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Streams a request to its upstream and the answer back, with back-pressure both ways, on the Vert.x HTTP
 * client, framing every upstream request itself. It counts request bytes as they pass, so a body without a
 * Content-Length is cut off with 413 at the limit before the upstream has it whole. A refused or reset
 * connection is a 502, an upstream silent for the response timeout a 504, both as problems; a client that
 * goes away resets the upstream request, so nothing waits on it.
 */
@ApplicationScoped
public class UpstreamProxy {

    /** RFC 9110 hop-by-hop headers, never forwarded either way. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "proxy-connection");
    /** Headers the gateway sets itself from what it knows; a client's copies are dropped. */
    private static final Set<String> GATEWAY_OWNED = Set.of("x-forwarded-for", "x-forwarded-proto",
            "x-forwarded-host", "x-forwarded-port", "forwarded", "x-real-ip", "x-request-id", "host");
    /** Response headers only the gateway decides: CORS, rate limits, and anything naming the software. */
    private static final Set<String> UPSTREAM_DROPPED = Set.of("server", "x-powered-by", "ratelimit",
            "ratelimit-policy",
            "access-control-allow-origin", "access-control-allow-credentials", "access-control-expose-headers",
            "access-control-allow-methods", "access-control-allow-headers", "access-control-max-age");

    private final Map<Upstream, HttpClient> clients = new EnumMap<>(Upstream.class);
    private final Map<Upstream, URI> targets = new EnumMap<>(Upstream.class);
    private final UpstreamConfig config;
    private final BodyLimits bodyLimits;
    private final MeterRegistry registry;
    private final Map<String, RouteTimers> routeTimers = new ConcurrentHashMap<>();

    UpstreamProxy(Vertx vertx, UpstreamConfig config, BodyLimits bodyLimits, MeterRegistry registry) {
        this.config = config;
        this.bodyLimits = bodyLimits;
        this.registry = registry;
        targets.put(Upstream.AUTH, config.authUrl());
        targets.put(Upstream.USER, config.userUrl());
        targets.forEach((upstream, uri) -> clients.put(upstream, vertx.createHttpClient(new HttpClientOptions()
                .setDefaultHost(uri.getHost())
                .setDefaultPort(uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80))
                .setSsl("https".equals(uri.getScheme()))
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxPoolSize(config.maxConnections())
                .setMaxWaitQueueSize(config.maxConnections() * 4)
                .setKeepAlive(true))));
    }

    /** Sends the request upstream on {@code canonicalPath}, the path it was routed and limited on. */
    public void forward(RoutingContext ctx, Upstream service, String routeName, String canonicalPath, String clientIp,
            long gatewayStarted) {
        HttpServerRequest request = ctx.request();
        long limit = bodyLimits.limitFor(canonicalPath);
        String query = request.query();
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setURI(query == null ? canonicalPath : canonicalPath + "?" + query)
                .setIdleTimeout(config.responseTimeout().toMillis())
                .setHeaders(forwardedHeaders(ctx, clientIp));
        long upstreamStarted = System.nanoTime();
        clients.get(service).request(options).onComplete(made -> {
            if (made.failed()) {
                fail(ctx, made.cause());
                return;
            }
            HttpClientRequest upstream = made.result();
            ctx.response().closeHandler(v -> upstream.reset());
            upstream.response().onComplete(answered -> {
                if (answered.failed()) {
                    fail(ctx, answered.cause());
                    return;
                }
                record(routeName, upstreamStarted, gatewayStarted);
                relay(ctx, answered.result());
            });
            streamBody(ctx, request, upstream, limit);
        });
    }

    private void streamBody(RoutingContext ctx, HttpServerRequest request, HttpClientRequest upstream, long limit) {
        // The upstream connection is pooled: it must only ever carry the bytes counted here, framed here. A
        // client's Content-Length is never copied (it may disagree with the body the codec read), so a body
        // goes up chunked, and the upstream ends it where the gateway ended it.
        if (hasBody(request)) {
            upstream.setChunked(true);
        }
        long[] received = {0};
        request.handler(chunk -> {
            received[0] += chunk.length();
            if (received[0] > limit) {
                request.handler(null);
                // Answer first: resetting the upstream fails its pending response, which must find this one ended.
                BodyLimits.tooLarge(ctx);
                upstream.reset();
                return;
            }
            upstream.write(chunk);
            if (upstream.writeQueueFull()) {
                request.pause();
                upstream.drainHandler(v -> request.resume());
            }
        });
        request.endHandler(v -> {
            if (received[0] <= limit) {
                upstream.end();
            }
        });
        request.exceptionHandler(e -> upstream.reset());
        request.resume();
    }

    private static boolean hasBody(HttpServerRequest request) {
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
                || declared != null && !declared.strip().equals("0");
    }

    private void relay(RoutingContext ctx, HttpClientResponse answer) {
        HttpServerResponse response = ctx.response();
        if (response.ended()) {
            return;
        }
        response.setStatusCode(answer.statusCode());
        Set<String> connectionListed = listedInConnection(answer.headers());
        answer.headers().forEach(header -> {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !UPSTREAM_DROPPED.contains(name) && !connectionListed.contains(name)
                    && !name.equals("x-request-id")) {
                response.headers().add(header.getKey(), header.getValue());
            }
        });
        if (answer.getHeader("Content-Length") == null) {
            response.setChunked(true);
        }
        answer.pipeTo(response).onFailure(e -> {
            if (!response.ended()) {
                response.reset();
            }
        });
    }

    private MultiMap forwardedHeaders(RoutingContext ctx, String clientIp) {
        HttpServerRequest request = ctx.request();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        Set<String> connectionListed = listedInConnection(request.headers());
        request.headers().forEach(header -> {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !GATEWAY_OWNED.contains(name) && !connectionListed.contains(name)
                    && !name.equals("content-length")) {
                headers.add(header.getKey(), header.getValue());
            }
        });
        headers.set("X-Forwarded-For", clientIp);
        headers.set("X-Forwarded-Proto", request.isSSL() ? "https" : "http");
        if (request.authority() != null) {
            headers.set("X-Forwarded-Host", request.authority().toString());
        }
        headers.set(RequestIds.HEADER, RequestIds.of(ctx));
        return headers;
    }

    private static Set<String> listedInConnection(MultiMap headers) {
        String connection = headers.get("Connection");
        if (connection == null) {
            return Set.of();
        }
        return List.of(connection.split(",")).stream().map(s -> s.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
    }

    private static void fail(RoutingContext ctx, Throwable cause) {
        if (ctx.response().ended()) {
            return;
        }
        // Vert.x signals an idle upstream with its own NoStackTraceTimeoutException, which is no TimeoutException.
        boolean timedOut = cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout");
        if (timedOut) {
            Problems.write(ctx, ProblemKind.GATEWAY_TIMEOUT, "The service did not answer in time.", Map.of());
        } else {
            Problems.write(ctx, ProblemKind.BAD_GATEWAY, "The service could not be reached.", Map.of());
        }
    }

    private void record(String routeName, long upstreamStarted, long gatewayStarted) {
        RouteTimers timers = routeTimers.computeIfAbsent(routeName, this::registerTimers);
        timers.upstream().record(System.nanoTime() - upstreamStarted, TimeUnit.NANOSECONDS);
        timers.added().record(upstreamStarted - gatewayStarted, TimeUnit.NANOSECONDS);
    }

    private record RouteTimers(Timer upstream, Timer added) {
    }

    /** Registered once per route: a builder per request cost a registry look-up and its garbage on every hop. */
    private RouteTimers registerTimers(String routeName) {
        return new RouteTimers(
                Timer.builder("palisade.gateway.upstream.latency").tag("route", routeName)
                        .description("Time from sending a request upstream to its response headers")
                        .publishPercentileHistogram().register(registry),
                Timer.builder("palisade.gateway.added.latency").tag("route", routeName)
                        .description("Time the gateway spent on a request before handing it upstream")
                        .publishPercentileHistogram().register(registry));
    }

    void close(@Observes ShutdownEvent event) {
        clients.values().forEach(HttpClient::close);
    }
}
