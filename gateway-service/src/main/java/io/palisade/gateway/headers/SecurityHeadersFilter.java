package io.palisade.gateway.headers;

import io.palisade.gateway.GatewayFilterOrder;
import io.palisade.gateway.https.HttpsConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.regex.Pattern;

/**
 * Sets the security headers once on every response the gateway sends, whoever produced it (a proxied
 * answer, a 404, a 413, a 429, a refused preflight), replacing what an upstream sent: a service cannot
 * weaken them. Registered as a headers-end hook before any other gateway filter can answer.
 */
@ApplicationScoped
class SecurityHeadersFilter {

    private static final Pattern AVATAR_DOWNLOAD = Pattern.compile("/api/users/[^/]+/avatar");

    private final boolean hsts;

    SecurityHeadersFilter(HttpsConfig https) {
        this.hsts = https.enforce();
    }

    void install(@Observes Router router) {
        router.route().order(GatewayFilterOrder.SECURITY_HEADERS).handler(ctx -> {
            // The body may arrive while later filters wait on Redis or a JWKS: hold it until the proxy reads it.
            ctx.request().pause();
            ctx.addHeadersEndHandler(v -> SecurityHeaders.apply(ctx.response().headers(), hsts, cacheControl(ctx)));
            ctx.next();
        });
    }

    private static String cacheControl(RoutingContext ctx) {
        boolean avatar = ctx.request().method() == HttpMethod.GET && ctx.response().getStatusCode() == 200
                && AVATAR_DOWNLOAD.matcher(ctx.request().path()).matches();
        return avatar ? "private" : "no-store";
    }
}
