package io.palisade.database;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long a request may wait on PostgreSQL before it is answered 503 instead. */
@ConfigMapping(prefix = "palisade.database")
public interface DatabaseConfig {

    /** Longest wait for a pooled connection, opening one included. */
    @WithDefault("PT2S")
    Duration connectionTimeout();
}
