package io.palisade.gateway.clientip;

import io.palisade.common.clientip.ClientIpSource;
import io.palisade.common.clientip.ForwardedChain;
import io.palisade.common.clientip.NetworkPrefix;
import io.palisade.common.clientip.TrustedProxies;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who the client is. The socket peer, unless that peer is a trusted proxy: only then is the one configured
 * header (X-Forwarded-For or Forwarded) read, from the right, skipping trusted hops, so the right-most address
 * that is not ours wins. Trusting every header would let any client pick its own rate-limit bucket; trusting
 * none would put every client behind a load balancer in one. It is the gateway's one source of the client
 * (common's filter asks it once per request, in place of the services' default); IPv6 clients are keyed by
 * their /64: one host holds a whole /64.
 */
@ApplicationScoped
public class ClientIpResolver implements ClientIpSource {

    private final TrustedProxies trusted;
    private final String header;

    ClientIpResolver(ClientIpConfig config) {
        this.trusted = TrustedProxies.of(config.trustedProxies(), "palisade.gateway.trusted-proxies");
        this.header = config.clientIpHeader();
    }

    @Override
    public String clientOf(HttpServerRequest request) {
        return trusted.clientOf(TrustedProxies.peer(request), ForwardedChain.of(request.headers(), header));
    }

    /** Whether the socket peer is one of the configured proxies. */
    public boolean peerIsTrusted(HttpServerRequest request) {
        return trusted.trusts(TrustedProxies.peer(request));
    }

    /** The key a rate limit uses for this client: the address, or its /64 for IPv6. */
    public static String rateLimitKey(String ip) {
        String network = NetworkPrefix.of(ip, 32, 64);
        return network == null ? ip : network;
    }
}
