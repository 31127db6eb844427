package io.palisade.gateway.proxy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;

@ConfigMapping(prefix = "palisade.gateway.upstream")
public interface UpstreamConfig {

    /**
     * auth-service's base URL, the upstream of Palisade's own auth routes: their entries in
     * {@code palisade.gateway.routes} (application.properties) read this key, declared here so that it is
     * checked like every other.
     */
    URI authUrl();

    /** user-service's base URL, the upstream of Palisade's own users route. */
    URI userUrl();

    /** A connection not made within this is a 502. */
    @WithDefault("PT2S")
    Duration connectTimeout();

    /** An upstream silent for this long is a 504, never a hang. */
    @WithDefault("PT10S")
    Duration responseTimeout();

    /**
     * A pooled connection idle this long is closed: before the upstream's own idle timeout (Node's is 5 s), so
     * the gateway seldom reuses a connection the upstream is closing. Whole seconds, at least one.
     */
    @WithDefault("PT4S")
    Duration keepAliveTimeout();

    /** Connections per upstream, so one slow service cannot take every socket. */
    @WithDefault("64")
    @Positive
    int maxConnections();
}
