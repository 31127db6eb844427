package io.palisade.gateway.framing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** API.md "Topology": HTTP/2 on the public port. Over TLS it is offered by ALPN whenever the gateway serves TLS. */
@ConfigMapping(prefix = "palisade.gateway.http2")
public interface Http2Config {

    /**
     * Cleartext HTTP/2 (h2c, by {@code Upgrade} or prior knowledge) on the plain port. Off by default: no
     * browser speaks it, and behind an Ingress it is a second protocol for the same requests that only an
     * attacker would choose.
     */
    @WithDefault("false")
    boolean cleartext();
}
