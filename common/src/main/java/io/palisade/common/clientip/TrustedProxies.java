package io.palisade.common.clientip;

import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Optional;

/**
 * The proxies whose word on the client's address is believed. The chain of forwarded addresses is read from
 * the right, where our own proxies appended, skipping trusted hops: the first address that is not one of
 * ours is the client. Anything to its left was written by the client itself and is never believed.
 */
public final class TrustedProxies {

    private final List<Cidr> blocks;

    private TrustedProxies(List<Cidr> blocks) {
        this.blocks = blocks;
    }

    /** The CIDRs configured under {@code key}; a malformed one names the key. */
    public static TrustedProxies of(Optional<List<String>> cidrs, String key) {
        return new TrustedProxies(cidrs.orElse(List.of()).stream().filter(s -> !s.isBlank())
                .map(cidr -> Cidr.parse(cidr, key)).toList());
    }

    public boolean trusts(String address) {
        byte[] bytes = address == null ? null : Cidr.literal(address);
        return bytes != null && blocks.stream().anyMatch(block -> block.contains(bytes));
    }

    /** The client behind {@code peer}, given the forwarded chain (oldest hop first) the peer reported. */
    public String clientOf(String peer, List<String> hops) {
        if (!trusts(peer)) {
            return peer;
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (Cidr.literal(hops.get(i)) == null) {
                // An unparsable hop ends the chain we can believe: the hop after it is the last one we know.
                return client;
            }
            if (!trusts(hops.get(i))) {
                return canonical(hops.get(i));
            }
            client = hops.get(i);
        }
        return client;
    }

    /** The socket peer's address, {@code unknown} when the transport has none. */
    public static String peer(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }

    private static String canonical(String ip) {
        return NetworkPrefix.of(ip, 32, 128);
    }
}
