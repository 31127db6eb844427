package io.palisade.gateway.clientip;

import io.palisade.common.clientip.Cidr;
import io.palisade.common.clientip.ClientIps;
import io.palisade.common.clientip.TrustedProxies;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who the client is. The socket peer, unless that peer is a trusted proxy: only then is the one configured
 * header (X-Forwarded-For or Forwarded) read, from the right, skipping trusted hops, so the right-most address
 * that is not ours wins. Trusting every header would let any client pick its own rate-limit bucket; trusting
 * none would put every client behind a load balancer in one. IPv6 clients are keyed by their /64: one host
 * holds a whole /64.
 */
@ApplicationScoped
public class ClientIpResolver {

    private static final String RESOLVED = "palisade.gateway.clientIp";

    private final TrustedProxies trusted;
    private final boolean forwardedHeader;

    ClientIpResolver(ClientIpConfig config) {
        this.trusted = TrustedProxies.of(config.trustedProxies(), "palisade.gateway.trusted-proxies");
        this.forwardedHeader = config.clientIpHeader().equalsIgnoreCase("Forwarded");
    }

    /** The client's address as text, also recorded for the access log and security events. */
    public String resolve(RoutingContext ctx) {
        String known = ctx.get(RESOLVED);
        if (known != null) {
            return known;
        }
        HttpServerRequest request = ctx.request();
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        String ip = trusted.clientOf(peer, forwardedChain(request));
        ctx.put(RESOLVED, ip);
        ClientIps.remember(ctx, ip);
        return ip;
    }

    /** Whether the socket peer is one of the configured proxies. */
    public boolean peerIsTrusted(HttpServerRequest request) {
        return request.remoteAddress() != null && trusted.trusts(request.remoteAddress().hostAddress());
    }

    /** The key a rate limit uses for this client: the address, or its /64 for IPv6. */
    public static String rateLimitKey(String ip) {
        byte[] bytes = Cidr.literal(ip);
        if (bytes == null || bytes.length == 4) {
            return ip;
        }
        try {
            return InetAddress.getByAddress(Cidr.mask(bytes, 64)).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return ip;
        }
    }

    private List<String> forwardedChain(HttpServerRequest request) {
        List<String> hops = new ArrayList<>();
        if (forwardedHeader) {
            for (String header : request.headers().getAll("Forwarded")) {
                for (String element : header.split(",")) {
                    for (String pair : element.split(";")) {
                        String[] kv = pair.strip().split("=", 2);
                        if (kv.length == 2 && kv[0].strip().toLowerCase(Locale.ROOT).equals("for")) {
                            hops.add(forValue(kv[1]));
                        }
                    }
                }
            }
            return hops;
        }
        for (String header : request.headers().getAll("X-Forwarded-For")) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        return hops;
    }

    /** A Forwarded {@code for=} value without quotes, brackets or port: {@code "[2001:db8::1]:4711"}. */
    private static String forValue(String raw) {
        String value = raw.strip().replace("\"", "");
        if (value.startsWith("[")) {
            return value.substring(1, value.indexOf(']') > 0 ? value.indexOf(']') : value.length());
        }
        if (value.indexOf(':') > 0 && value.indexOf(':') == value.lastIndexOf(':')) {
            return value.substring(0, value.indexOf(':'));
        }
        return value;
    }
}
