package io.palisade.common.clientip;

import io.quarkus.arc.DefaultBean;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who a service's client is, for its logs: the socket peer, or, when that peer is one of
 * {@code palisade.http.trusted-proxies} (the gateway), the address the peer put in X-Forwarded-For. A
 * service that believed every X-Forwarded-For would let anyone who reaches it write any address into its
 * security log. The gateway replaces this bean with its own, under its own settings.
 */
@DefaultBean
@ApplicationScoped
class ForwardedClient implements ClientIpSource {

    private final TrustedProxies trusted;

    ForwardedClient(TrustedProxiesConfig config) {
        this.trusted = TrustedProxies.of(config.trustedProxies(), "palisade.http.trusted-proxies");
    }

    @Override
    public String clientOf(HttpServerRequest request) {
        return trusted.clientOf(TrustedProxies.peer(request),
                ForwardedChain.of(request.headers(), ForwardedChain.X_FORWARDED_FOR));
    }
}
