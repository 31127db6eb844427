package io.palisade.gateway.cors;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

@ConfigMapping(prefix = "palisade.gateway.cors")
public interface CorsConfig {

    /** Exact origins (scheme://host[:port]) allowed to call with credentials; `*` is refused in prod. */
    Optional<List<String>> allowedOrigins();
}
