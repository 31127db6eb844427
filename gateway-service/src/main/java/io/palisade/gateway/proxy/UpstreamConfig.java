package io.palisade.gateway.proxy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;

@ConfigMapping(prefix = "palisade.gateway.upstream")
public interface UpstreamConfig {

    @WithDefault("http://localhost:8081")
    URI authUrl();

    @WithDefault("http://localhost:8082")
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
