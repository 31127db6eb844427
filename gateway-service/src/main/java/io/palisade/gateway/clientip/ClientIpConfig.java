package io.palisade.gateway.clientip;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "palisade.gateway")
public interface ClientIpConfig {

    /**
     * CIDRs of the proxies in front of the gateway (the Ingress controller). Only a peer in this list may say
     * who the client is; empty by default, so nobody can.
     */
    Optional<List<String>> trustedProxies();

    /**
     * The one header a trusted proxy names the client in: {@code X-Forwarded-For} or {@code Forwarded}. The
     * other is never read, since a proxy that writes one passes the other through from the client untouched.
     */
    @WithDefault("X-Forwarded-For")
    @Pattern(regexp = "(?i)X-Forwarded-For|Forwarded", message = "must be X-Forwarded-For or Forwarded")
    String clientIpHeader();
}
