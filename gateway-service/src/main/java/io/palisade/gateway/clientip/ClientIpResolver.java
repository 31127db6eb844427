package io.palisade.gateway.clientip;

import io.palisade.common.logging.AccessLog;
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
 * that is not ours wins.
 * Trusting every header would let any client pick its own rate-limit bucket; trusting none would put every
 * client behind a load balancer in one. IPv6 clients are keyed by their /64: one host holds a whole /64.
 */
@ApplicationScoped
public class ClientIpResolver {

    private final List<Cidr> trusted;
    private final boolean forwardedHeader;

    ClientIpResolver(ClientIpConfig config) {
        this.trusted = config.trustedProxies().orElse(List.of()).stream().filter(s -> !s.isBlank()).map(Cidr::parse)
                .toList();
        this.forwardedHeader = config.clientIpHeader().equalsIgnoreCase("Forwarded");
    }

    /** The client's address as text, also stored for the access log. */
    public String resolve(RoutingContext ctx) {
        String known = ctx.get(AccessLog.CLIENT_IP);
        if (known != null) {
            return known;
        }
        String ip = clientOf(ctx.request());
        ctx.put(AccessLog.CLIENT_IP, ip);
        return ip;
    }

    /** Whether the socket peer is one of the configured proxies. */
    public boolean peerIsTrusted(HttpServerRequest request) {
        byte[] peer = request.remoteAddress() == null ? null : Cidr.literal(request.remoteAddress().hostAddress());
        return peer != null && isTrusted(peer);
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

    private String clientOf(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        if (!peerIsTrusted(request)) {
            return peer;
        }
        List<String> hops = forwardedChain(request);
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] hop = Cidr.literal(hops.get(i));
            if (hop == null) {
                // An unparsable hop ends the chain we can believe: the peer before it is the last known one.
                return peer;
            }
            if (!isTrusted(hop)) {
                return normalise(hops.get(i));
            }
            peer = hops.get(i);
        }
        return peer;
    }

    private List<String> forwardedChain(HttpServerRequest request) {
        List<String> hops = new ArrayList<>();
        if (forwardedHeader) {
            for (String header : request.headers().getAll("Forwarded")) {
                for (String element : header.split(",")) {
                    for (String pair : element.split(";")) {
                        String[] kv = pair.strip().split("=", 2);
                        if (kv.length == 2 && kv[0].strip().toLowerCase(Locale.ROOT).equals("for")) {
                            String value = kv[1].strip().replace("\"", "");
                            if (value.startsWith("[")) {
                                value = value.substring(1, value.indexOf(']') > 0 ? value.indexOf(']') : value.length());
                            } else if (value.indexOf(':') > 0 && value.indexOf(':') == value.lastIndexOf(':')) {
                                value = value.substring(0, value.indexOf(':'));
                            }
                            hops.add(value);
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

    private boolean isTrusted(byte[] address) {
        return trusted.stream().anyMatch(cidr -> cidr.contains(address));
    }

    private static String normalise(String ip) {
        try {
            return InetAddress.getByAddress(Cidr.literal(ip)).getHostAddress();
        } catch (UnknownHostException e) {
            return ip;
        }
    }
}
