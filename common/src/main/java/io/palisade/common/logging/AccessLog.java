package io.palisade.common.logging;

import io.palisade.common.requestid.FilterOrder;
import io.palisade.common.requestid.RequestIds;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.Map;
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

    void install(@Observes Router router) {
        router.route().order(FilterOrder.ACCESS_LOG).handler(ctx -> {
            long started = System.nanoTime();
            ctx.addEndHandler(done -> write(ctx, (System.nanoTime() - started) / 1_000_000));
            ctx.next();
        });
    }

    private void write(RoutingContext ctx, long durationMs) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("method", ctx.request().method().name());
        fields.put("path", ctx.request().path());
        fields.put("status", ctx.response().getStatusCode());
        fields.put("durationMs", durationMs);
        fields.put(RequestIds.MDC_KEY, RequestIds.of(ctx));
        fields.put("clientIp", clientIp(ctx));
        Object sub = ctx.get(SUBJECT);
        if (sub != null) {
            fields.put("sub", sub);
        }
        fields.forEach(MDC::put);
        try {
            LOG.infof("%s %s %d %dms", fields.get("method"), fields.get("path"), fields.get("status"), durationMs);
        } finally {
            fields.keySet().stream().filter(k -> !k.equals(RequestIds.MDC_KEY)).forEach(MDC::remove);
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
