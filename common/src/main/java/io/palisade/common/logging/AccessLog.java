package io.palisade.common.logging;

import io.palisade.common.requestid.FilterOrder;
import io.palisade.common.requestid.RequestIds;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * One line per request. It deliberately knows nothing of headers, query strings or bodies: what is never
 * read cannot leak a password, a token or a cookie.
 */
@ApplicationScoped
public class AccessLog {

    /** Routing-context key under which a service that knows better (the gateway) stores the client ip. */
    public static final String CLIENT_IP = "palisade.clientIp";
    /** Routing-context key under which JWT verification stores the caller's {@code sub}. */
    public static final String SUBJECT = "palisade.sub";

    private static final Logger LOG = Logger.getLogger("io.palisade.access");
    /** The fields this line adds, removed after it; the request id stays for the request's other lines. */
    private static final List<String> OWN_KEYS = List.of("method", "path", "status", "durationMs", "clientIp", "sub");

    void install(@Observes Router router) {
        router.route().order(FilterOrder.ACCESS_LOG).handler(ctx -> {
            long started = System.nanoTime();
            ctx.addEndHandler(done -> write(ctx, (System.nanoTime() - started) / 1_000_000));
            ctx.next();
        });
    }

    private void write(RoutingContext ctx, long durationMs) {
        String method = ctx.request().method().name();
        String path = ctx.request().path();
        int status = ctx.response().getStatusCode();
        Object sub = ctx.get(SUBJECT);
        // Every request writes this line: no map, stream or printf format in it.
        MDC.put("method", method);
        MDC.put("path", path);
        MDC.put("status", status);
        MDC.put("durationMs", durationMs);
        MDC.put(RequestIds.MDC_KEY, RequestIds.of(ctx));
        MDC.put("clientIp", clientIp(ctx));
        if (sub != null) {
            MDC.put("sub", sub);
        }
        try {
            LOG.info(method + ' ' + path + ' ' + status + ' ' + durationMs + "ms");
        } finally {
            for (String key : OWN_KEYS) {
                MDC.remove(key);
            }
        }
    }

    private static String clientIp(RoutingContext ctx) {
        String known = ctx.get(CLIENT_IP);
        if (known != null) {
            return known;
        }
        return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    }
}
