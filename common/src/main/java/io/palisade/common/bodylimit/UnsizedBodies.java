package io.palisade.common.bodylimit;

import io.palisade.common.requestid.FilterOrder;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds a body sent without a length (chunked, or HTTP/2 without content-length) to its route's limit while it
 * streams in, and answers 413 as a problem document once it goes over. Without it, such a body would be
 * bounded only by the HTTP layer's single {@code max-body-size} (1 MiB in user-service, for the avatar), and
 * answered with an empty 413. The body read here is the one Quarkus REST then hands to the resource.
 *
 * <p>Not in the gateway, which streams bodies to the upstream and counts them on the way
 * ({@code quarkus.arc.exclude-types} there).
 */
@ApplicationScoped
public class UnsizedBodies {

    private final BodyLimits limits;
    private final Map<Long, BodyHandler> handlers = new ConcurrentHashMap<>();

    UnsizedBodies(BodyLimits limits) {
        this.limits = limits;
    }

    void install(@Observes Router router) {
        router.route().order(FilterOrder.UNSIZED_BODY_LIMIT).handler(this::limit)
                .failureHandler(ctx -> {
                    if (ctx.statusCode() == 413) {
                        BodyLimits.tooLarge(ctx);
                    } else {
                        ctx.next();
                    }
                });
    }

    private void limit(RoutingContext ctx) {
        if (!unsized(ctx.request())) {
            ctx.next();
            return;
        }
        handlers.computeIfAbsent(limits.limitFor(ctx.normalizedPath()),
                limit -> BodyHandler.create(false).setBodyLimit(limit)).handle(ctx);
    }

    private static boolean unsized(HttpServerRequest request) {
        return request.getHeader(HttpHeaders.CONTENT_LENGTH) == null
                && (request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
                        || request.version() == HttpVersion.HTTP_2);
    }
}
