package io.palisade.gateway.proxy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.util.concurrent.EventExecutor;
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
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

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
    /**
     * Headers the gateway sets itself from what it knows; a client's copies are dropped. The trace context is
     * written by the tracer from the gateway's own span (continued only from a trusted proxy), so a client's
     * {@code baggage} or {@code traceparent} never reaches a service behind it.
     */
    private static final Set<String> GATEWAY_OWNED = Set.of("x-forwarded-for", "x-forwarded-proto",
            "x-forwarded-host", "x-forwarded-port", "forwarded", "x-real-ip", "x-request-id", "host",
            "traceparent", "tracestate", "baggage");
    /** Response headers only the gateway decides: CORS, rate limits, and anything naming the software. */
    private static final Set<String> UPSTREAM_DROPPED = Set.of("server", "x-powered-by", "ratelimit",
            "ratelimit-policy",
            "access-control-allow-origin", "access-control-allow-credentials", "access-control-expose-headers",
            "access-control-allow-methods", "access-control-allow-headers", "access-control-max-age");

    private static final Logger LOG = Logger.getLogger(UpstreamProxy.class);
    /** Requests whose repetition changes nothing, resent once when a pooled connection turns out to be closed. */
    private static final Set<HttpMethod> RESENDABLE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    /**
     * Each upstream's clients on one event loop, made on its first request there: a pool of its own (so one slow
     * upstream cannot take every socket), and one connection per request, never pooled, where a resend goes, so
     * it cannot meet another stale one. A Vert.x pool lends any idle connection, whichever event loop it lives
     * on, and a request on another loop than its connection's hands every write, read and acknowledgement across
     * threads (a task queued and a selector woken each time). So each event loop has pools of its own, only
     * ever used from that loop, and the upstream's connections are shared out among them.
     */
    private record Clients(HttpClient pooled, HttpClient fresh) {
    }

    /** An upstream as one event loop reaches it. */
    private record Reach(URI upstream, Thread eventLoop) {
    }

    private final Map<Reach, Clients> clients = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private final UpstreamConfig config;
    private final BodyLimits bodyLimits;
    private final MeterRegistry registry;
    private final Map<String, RouteTimers> routeTimers = new ConcurrentHashMap<>();
    /** The event loops requests arrive on, among which an upstream's connections are shared out. */
    private final int eventLoops;

    UpstreamProxy(Vertx vertx, UpstreamConfig config, BodyLimits bodyLimits, MeterRegistry registry) {
        this.vertx = vertx;
        this.config = config;
        this.bodyLimits = bodyLimits;
        this.registry = registry;
        int loops = 0;
        for (EventExecutor ignored : vertx.nettyEventLoopGroup()) {
            loops++;
        }
        this.eventLoops = Math.max(1, loops);
    }

    /** The calling event loop's clients of {@code upstream}: requests are forwarded on the loop they arrived on. */
    private Clients clientsOf(URI upstream) {
        return clients.computeIfAbsent(new Reach(upstream, Thread.currentThread()), reach -> new Clients(
                vertx.createHttpClient(options(upstream).setKeepAlive(true)
                        .setKeepAliveTimeout((int) Math.max(1, config.keepAliveTimeout().toSeconds()))),
                vertx.createHttpClient(options(upstream).setKeepAlive(false))));
    }

    private HttpClientOptions options(URI uri) {
        return new HttpClientOptions()
                .setDefaultHost(uri.getHost())
                .setDefaultPort(uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80))
                .setSsl("https".equals(uri.getScheme()))
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxPoolSize(perEventLoop(config.maxConnections()))
                .setMaxWaitQueueSize(perEventLoop(config.maxConnections() * 4));
    }

    /** An event loop's share of a bound on the whole upstream, at least one: the shares add up to no more. */
    private int perEventLoop(int bound) {
        return Math.max(1, bound / eventLoops);
    }

    /** Sends the request upstream on {@code canonicalPath}, the path it was routed and limited on. */
    public void forward(RoutingContext ctx, URI upstream, Optional<Duration> responseTimeout, String routeName, String canonicalPath, String clientIp,
            long gatewayStarted) {
        HttpServerRequest request = ctx.request();
        long limit = bodyLimits.limitFor(ctx);
        String query = request.query();
        MultiMap headers;
        try {
            headers = forwardedHeaders(ctx, clientIp);
        } catch (IllegalArgumentException forbidden) {
            // The Vert.x client validates the same headers only once it has leased a pooled connection, and
            // throws where nothing answers the client or returns the lease: so they are validated here first.
            Problems.write(ctx, ProblemKind.MALFORMED_REQUEST,
                    "A header name or value holds a character HTTP does not allow.", Map.of());
            return;
        }
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setURI(query == null ? canonicalPath : canonicalPath + "?" + query)
                .setIdleTimeout(responseTimeout.orElse(config.responseTimeout()).toMillis())
                .setHeaders(headers);
        dispatch(new Attempt(ctx, clientsOf(upstream), options, routeName, limit, System.nanoTime(), gatewayStarted), false, false);
    }

    /** What a request needs to go upstream, once or twice. */
    private record Attempt(RoutingContext ctx, Clients clients, RequestOptions options, String routeName, long limit,
            long upstreamStarted, long gatewayStarted) {
    }

    /**
     * Sends one attempt, on a pooled connection or, when {@code fresh}, on one of its own. An upstream may close
     * an idle keep-alive connection just as the gateway reuses it; the request then fails before a byte of
     * answer arrived, and the upstream never saw it whole. Such a failure is not the client's to pay for with a
     * 502: a request of which nothing was sent yet goes again, whatever its method (its body is still unread),
     * and a bodiless GET, HEAD or OPTIONS whose answer never began goes again without a body; both once, on a
     * new connection, so the second attempt cannot meet another stale one.
     */
    private void dispatch(Attempt attempt, boolean fresh, boolean bodiless) {
        RoutingContext ctx = attempt.ctx();
        HttpServerRequest request = ctx.request();
        (fresh ? attempt.clients().fresh() : attempt.clients().pooled()).request(attempt.options()).onComplete(made -> {
            if (made.failed()) {
                if (!fresh && closedUnderneath(made.cause())) {
                    dispatch(attempt, true, bodiless);
                } else {
                    fail(ctx, made.cause());
                }
                return;
            }
            HttpClientRequest upstream = made.result();
            // The request's own failure (its connection closed while the body was still going up: an upstream
            // that refuses an upload unread) reaches the client through the answer, failed or already relayed.
            // Without a handler Vert.x logs each one at ERROR, and in an upload burst most uploads end so.
            upstream.exceptionHandler(e -> LOG.debugf("request to the upstream ended early: %s", e.getMessage()));
            Sent sent = new Sent();
            answer(attempt, upstream, failure -> {
                if (fresh || !closedUnderneath(failure)) {
                    fail(ctx, failure);
                } else if (!sent.begun) {
                    // Held until the new connection takes it over, so no byte goes to the dead one meanwhile.
                    request.pause();
                    dispatch(attempt, true, bodiless);
                } else if (sent.bytes == 0 && request.isEnded() && RESENDABLE.contains(request.method())) {
                    dispatch(attempt, true, true);
                } else {
                    fail(ctx, failure);
                }
            });
            if (bodiless) {
                sent.begun = true;
                upstream.end().onFailure(e -> abandon(upstream, e));
            } else {
                streamBody(ctx, request, upstream, attempt.limit(), sent);
            }
        });
    }

    /** Relays {@code upstream}'s answer once its head arrives; {@code failed} decides when none comes. */
    private void answer(Attempt attempt, HttpClientRequest upstream, Consumer<Throwable> failed) {
        RoutingContext ctx = attempt.ctx();
        ctx.response().closeHandler(v -> upstream.reset());
        upstream.response().onComplete(answered -> {
            if (answered.failed()) {
                failed.accept(answered.cause());
                return;
            }
            record(attempt.routeName(), attempt.upstreamStarted(), attempt.gatewayStarted());
            relay(ctx, answered.result());
        });
    }

    /** A connection the upstream closed or reset under the request; not a timeout, and not a refused connect. */
    private static boolean closedUnderneath(Throwable failure) {
        return failure instanceof HttpClosedException || failure instanceof IOException;
    }

    /** What has gone upstream of one attempt: whether anything at all, and how many body bytes. */
    private static final class Sent {
        private boolean begun;
        private long bytes;
    }

    private void streamBody(RoutingContext ctx, HttpServerRequest request, HttpClientRequest upstream, long limit,
            Sent sent) {
        // The upstream connection is pooled: it must only ever carry the bytes counted here, framed here. A
        // client's Content-Length is never copied (it may disagree with the body the codec read), so a body goes
        // up chunked, and the upstream ends it where the gateway ended it. Whether there is a body is known by
        // its first bytes, not by the head: an HTTP/2 request may send DATA frames without any content-length.
        request.handler(chunk -> {
            sent.bytes += chunk.length();
            if (sent.bytes > limit) {
                request.handler(null);
                // Answer first: resetting the upstream fails its pending response, which must find this one ended.
                BodyLimits.tooLarge(ctx);
                upstream.reset();
                return;
            }
            sent.begun = true;
            try {
                if (!upstream.isChunked()) {
                    upstream.setChunked(true);
                }
                upstream.write(chunk).onFailure(e -> abandon(upstream, e));
            } catch (RuntimeException e) {
                request.handler(null);
                abandon(upstream, e);
                return;
            }
            if (upstream.writeQueueFull()) {
                request.pause();
                upstream.drainHandler(v -> request.resume());
            }
        });
        request.endHandler(v -> {
            if (sent.bytes <= limit) {
                sent.begun = true;
                try {
                    upstream.end().onFailure(e -> abandon(upstream, e));
                } catch (RuntimeException e) {
                    abandon(upstream, e);
                }
            }
        });
        request.exceptionHandler(e -> upstream.reset());
        request.resume();
    }

    /**
     * Whatever failed on the way up (a write, the head the client encodes), the upstream request is reset, so
     * its pooled connection is closed rather than left leased; the reset fails its pending answer, whose
     * handler answers the client. A connection the upstream closed needs no reset: its answer fails by itself,
     * and that failure may still be resent.
     */
    private static void abandon(HttpClientRequest upstream, Throwable cause) {
        if (!closedUnderneath(cause)) {
            upstream.reset();
        }
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
        // Relayed by hand rather than piped: a pipe ends the response when a write fails, which a client that hung
        // up makes happen in the middle of its own write loop, and its next step then throws on the ended response.
        // A chunk for a client that has gone is dropped; the close handler has reset the upstream already.
        answer.handler(chunk -> {
            if (response.closed()) {
                return;
            }
            response.write(chunk);
            if (response.writeQueueFull()) {
                answer.pause();
                response.drainHandler(v -> answer.resume());
            }
        });
        answer.exceptionHandler(e -> {
            if (!response.ended() && !response.closed()) {
                response.reset();
            }
        });
        answer.endHandler(v -> {
            if (!response.ended() && !response.closed()) {
                response.end();
            }
        });
    }

    private MultiMap forwardedHeaders(RoutingContext ctx, String clientIp) {
        HttpServerRequest request = ctx.request();
        MultiMap headers = HttpHeaders.headers();
        Set<String> connectionListed = listedInConnection(request.headers());
        request.headers().forEach(header -> {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            // X-Palisade-* is the gateway's name space: a client cannot hand an upstream a header it would read
            // as the gateway's word.
            if (!HOP_BY_HOP.contains(name) && !GATEWAY_OWNED.contains(name) && !connectionListed.contains(name)
                    && !name.equals("content-length") && !name.startsWith("x-palisade-")) {
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
        clients.values().forEach(upstream -> {
            upstream.pooled().close();
            upstream.fresh().close();
        });
    }
}
