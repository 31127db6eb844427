package io.palisade.common.bodylimit;

import io.palisade.common.problem.ProblemKind;
import io.palisade.common.problem.Problems;
import io.palisade.common.requestid.FilterOrder;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Refuses a body whose declared length is over the route's limit before a byte of it is read. Bodies sent
 * without a length are bounded while they stream: by {@link UnsizedBodies} in the services, and by the
 * gateway's counting proxy at the edge.
 */
@ApplicationScoped
public class BodyLimits {

    private final BodyLimitConfig config;
    private final Optional<Pattern> largePaths;

    BodyLimits(BodyLimitConfig config) {
        this.config = config;
        this.largePaths = config.largePaths().map(Pattern::compile);
    }

    /** The largest body accepted on {@code normalisedPath}. */
    public long limitFor(String normalisedPath) {
        return largePaths.filter(p -> p.matcher(normalisedPath).matches()).isPresent()
                ? config.largeBytes()
                : config.defaultBytes();
    }

    /** True when the request declares a length over its route's limit, or a length that is not a number. */
    public boolean declaresTooMuch(RoutingContext ctx) {
        String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) {
            return false;
        }
        try {
            return Long.parseLong(declared.trim()) > limitFor(ctx.normalizedPath());
        } catch (NumberFormatException e) {
            return true;
        }
    }

    void install(@Observes Router router) {
        router.route().order(FilterOrder.BODY_LIMIT).handler(ctx -> {
            if (declaresTooMuch(ctx)) {
                tooLarge(ctx);
            } else {
                ctx.next();
            }
        });
    }

    /** Ends the request with 413; the connection closes, as the unread body would otherwise follow. */
    public static void tooLarge(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        Problems.write(ctx, ProblemKind.PAYLOAD_TOO_LARGE, "The request body is larger than this route accepts.",
                Map.of());
    }
}
