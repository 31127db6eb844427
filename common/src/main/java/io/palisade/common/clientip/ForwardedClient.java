package io.palisade.common.clientip;

import io.palisade.common.requestid.FilterOrder;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;

/**
 * Who a service's client is, for its logs: the socket peer, or, when that peer is one of
 * {@code palisade.http.trusted-proxies} (the gateway), the address the peer put in X-Forwarded-For. A
 * service that believed every X-Forwarded-For would let anyone who reaches it write any address into its
 * security log. The gateway decides its own client from its own settings and records it over this one.
 */
@ApplicationScoped
public class ForwardedClient {

    private final TrustedProxies trusted;

    ForwardedClient(TrustedProxiesConfig config) {
        this.trusted = TrustedProxies.of(config.trustedProxies(), "palisade.http.trusted-proxies");
    }

    void install(@Observes Router router) {
        router.route().order(FilterOrder.CLIENT_IP).handler(this::remember);
    }

    private void remember(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        List<String> hops = new ArrayList<>();
        for (String header : request.headers().getAll("X-Forwarded-For")) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        ClientIps.remember(ctx, trusted.clientOf(peer, hops));
        ctx.next();
    }
}
