package io.palisade.gateway.https;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "palisade.gateway.https")
public interface HttpsConfig {

    /**
     * Send HSTS and redirect (308) requests whose trusted X-Forwarded-Proto is http to https. On in the prod
     * profile, where TLS terminates at the Ingress; off elsewhere, where plain http on localhost is normal.
     */
    @WithDefault("false")
    boolean enforce();
}
