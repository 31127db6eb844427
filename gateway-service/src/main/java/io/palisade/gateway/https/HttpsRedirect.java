package io.palisade.gateway.https;

import io.palisade.gateway.GatewayFilterOrder;
import io.palisade.gateway.clientip.ClientIpResolver;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.regex.Pattern;

/**
 * In the prod profile, a request that reached the Ingress over plain http (as a trusted proxy says in
 * X-Forwarded-Proto) is sent to https with a 308, which keeps the method and body. An untrusted peer's
 * X-Forwarded-Proto is ignored, like every other forwarded header of theirs.
 */
@ApplicationScoped
class HttpsRedirect {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(:\\d{1,5})?");

    private final HttpsConfig config;
    private final ClientIpResolver clientIp;

    HttpsRedirect(HttpsConfig config, ClientIpResolver clientIp) {
        this.config = config;
        this.clientIp = clientIp;
    }

    void install(@Observes Router router) {
        router.route().order(GatewayFilterOrder.HTTPS_REDIRECT).handler(this::redirectPlainHttp);
    }

    private void redirectPlainHttp(RoutingContext ctx) {
        String proto = ctx.request().getHeader("X-Forwarded-Proto");
        String host = ctx.request().getHeader("Host");
        if (config.enforce() && "http".equalsIgnoreCase(proto) && clientIp.peerIsTrusted(ctx.request())
                && host != null && HOST.matcher(host).matches()) {
            ctx.response().setStatusCode(308).putHeader("Location", "https://" + host + ctx.request().uri()).end();
            return;
        }
        ctx.next();
    }
}
