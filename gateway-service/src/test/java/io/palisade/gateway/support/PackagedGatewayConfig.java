package io.palisade.gateway.support;

import io.palisade.common.testing.PackagedServiceConfig;
import java.util.Map;

/**
 * The packaged gateway on a test machine: Redis database 2, plain http since no TLS proxy fronts it, and the
 * test profile's CORS origin and upstream timeout so the rerun suites expect the same answers.
 */
public class PackagedGatewayConfig extends PackagedServiceConfig {

    @Override
    protected Map<String, String> serviceConfig() {
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:6379/2",
                "palisade.gateway.https.enforce", "false",
                "palisade.gateway.cors.allowed-origins", "http://localhost:5173",
                "palisade.gateway.upstream.response-timeout", "PT1S");
    }
}
