package io.palisade.gateway.clientip;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "palisade.gateway")
public interface ClientIpConfig {

    /**
     * CIDRs of the proxies in front of the gateway (the Ingress controller). Only a peer in this list may say
     * who the client is through X-Forwarded-For or Forwarded; empty by default, so nobody can.
     */
    Optional<List<String>> trustedProxies();
}
