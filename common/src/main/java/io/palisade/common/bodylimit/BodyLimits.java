package io.palisade.common.bodylimit;

import io.palisade.common.problem.ProblemKind;
import io.palisade.common.problem.Problems;
import io.palisade.common.requestid.FilterOrder;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Refuses a body whose declared length is over the route's limit before a byte of it is read. Bodies sent
 * without a length are bounded while they stream: by the HTTP layer's {@code max-body-size} in the
 * services, and by the gateway's counting proxy at the edge.
 */
@ApplicationScoped
public class BodyLimits {

    private static final long DRAIN_BYTES = 1024 * 1024;
    private static final String DRAINING = BodyLimits.class.getName() + ".draining";
    /** Silence that ends a drain: a client still sending a body it has been answered for keeps it going. */
    private static final Duration DRAIN_IDLE = Duration.ofSeconds(5);
    /** The longest a drain goes on, however the bytes trickle in. */
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(30);

    private final BodyLimitConfig config;
    private final Optional<Pattern> largePaths;
    private final Instance<RouteBodyLimit> routeLimits;

    BodyLimits(BodyLimitConfig config, Instance<RouteBodyLimit> routeLimits) {
        this.config = config;
        this.largePaths = config.largePaths().map(Pattern::compile);
        this.routeLimits = routeLimits;
    }

    /** The largest body accepted for {@code ctx}'s request: its route's own limit, else the path's. */
    public long limitFor(RoutingContext ctx) {
        if (routeLimits.isResolvable()) {
            OptionalLong own = routeLimits.get().limitFor(ctx);
            if (own.isPresent()) {
                return own.getAsLong();
            }
        }
        return limitFor(ctx.normalizedPath());
    }

    /** The largest body accepted on {@code normalisedPath}. */
    public long limitFor(String normalisedPath) {
        return takesLargeBodies(normalisedPath)
                ? config.largeBytes()
                : config.defaultBytes();
    }

    /** Whether {@code normalisedPath} is one of the routes that take the larger body limit. */
    public boolean takesLargeBodies(String normalisedPath) {
        return largePaths.filter(p -> p.matcher(normalisedPath).matches()).isPresent();
    }

    /** True when the request declares a length over its route's limit, or a length that is not a number. */
    public boolean declaresTooMuch(RoutingContext ctx) {
        String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            return false;
        }
        try {
            return Long.parseLong(declared.trim()) > limitFor(ctx);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    void install(@Observes Router router) {
        router.route().order(FilterOrder.BODY_LIMIT).handler(ctx -> {
            if (declaresTooMuch(ctx)) {
                tooLarge(ctx);
                return;
            }
            if (sendsABody(ctx.request()) && ctx.request().version() != HttpVersion.HTTP_2) {
                // A route that answers without reading the body (a refusal, or one that takes none) leaves it to
                // Vert.x, which would read and discard whatever the client goes on sending on a keep-alive
                // connection, without end. Past the answer, the rest is drained within the bounds of a refused
                // body, and the connection closed.
                ctx.addEndHandler(answered -> {
                    if (!ctx.request().isEnded()) {
                        drainThenClose(ctx);
                    }
                });
            }
            ctx.next();
        });
    }

    private static boolean sendsABody(HttpServerRequest request) {
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return declared != null ? !declared.strip().equals("0") : request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    /** Ends the request with 413 before the rest of its body is read ({@link #refuseUnread}). */
    public static void tooLarge(RoutingContext ctx) {
        refuseUnread(ctx, ProblemKind.PAYLOAD_TOO_LARGE, "The request body is larger than this route accepts.",
                Map.of());
    }

    /**
     * Ends a request whose body is not going to be read with a problem and, on HTTP/1.x, closes the connection
     * after it: Vert.x keeps a keep-alive connection open whatever the response's Connection header says, and
     * would go on reading and discarding the refused body for as long as the client sends it. HTTP/2 forbids
     * that header; there the stream ends.
     */
    public static void refuseUnread(RoutingContext ctx, ProblemKind kind, String detail, Map<String, String> headers) {
        if (ctx.request().version() != HttpVersion.HTTP_2) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            ctx.addEndHandler(answered -> drainThenClose(ctx));
        }
        Problems.write(ctx, kind, detail, headers);
    }

    /**
     * Closing at once would reset a client that is still sending the refused body, and the reset can discard the
     * answer before the client reads it (a gateway in front turns that into a 502). So the rest is read and
     * discarded, as a lingering close does: up to {@link #DRAIN_BYTES}, while bytes keep coming (each pause of
     * {@link #DRAIN_IDLE} ends it), and for {@link #DRAIN_LIMIT} at most: under a burst of uploads a body flows
     * slowly, and a fixed short total would reset clients that are still sending steadily.
     */
    private static void drainThenClose(RoutingContext ctx) {
        // A refusal and the filter's end handler may both ask for it: a second drain would take the request's
        // handler from the first, whose idle timer then closed the connection 5 s in, bytes flowing or not.
        if (ctx.get(DRAINING) != null) {
            return;
        }
        ctx.put(DRAINING, Boolean.TRUE);
        HttpServerRequest request = ctx.request();
        HttpConnection connection = request.connection();
        if (request.isEnded()) {
            connection.close();
            return;
        }
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        long[] timer = {ctx.vertx().setTimer(DRAIN_IDLE.toMillis(), fired -> connection.close())};
        long[] drained = {0};
        request.handler(chunk -> {
            drained[0] += chunk.length();
            ctx.vertx().cancelTimer(timer[0]);
            if (drained[0] > DRAIN_BYTES || System.nanoTime() > deadline) {
                connection.close();
            } else {
                timer[0] = ctx.vertx().setTimer(DRAIN_IDLE.toMillis(), fired -> connection.close());
            }
        });
        request.endHandler(sent -> {
            ctx.vertx().cancelTimer(timer[0]);
            connection.close();
        });
        request.resume();
    }
}
