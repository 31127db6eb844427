package io.palisade.common.clientip;

import io.palisade.common.requestid.FilterOrder;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Decides each request's client once, before anything logs or limits it, through the service's one source. */
@ApplicationScoped
class ClientIpFilter {

    private final ClientIpSource source;

    ClientIpFilter(ClientIpSource source) {
        this.source = source;
    }

    void install(@Observes Router router) {
        router.route().order(FilterOrder.CLIENT_IP).handler(this::remember);
    }

    private void remember(RoutingContext ctx) {
        ClientIps.remember(ctx, source.clientOf(ctx.request()));
        ctx.next();
    }
}
