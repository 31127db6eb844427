package io.palisade.auth.support;

import io.palisade.common.testing.PackagedServiceConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * The packaged auth-service on a test machine: the test database and Redis database, and common's test-only
 * signing key. Password hashing keeps prod's Argon2id cost, which the packaged build refuses to lower.
 */
public class PackagedAuthConfig extends PackagedServiceConfig {

    /**
     * This configuration on random ports, with no reachable user-service, for a test that starts the packaged
     * build itself: the suite's own packaged instance may still hold the fixed ports.
     */
    public static Map<String, String> onRandomPorts() {
        Map<String, String> config = new HashMap<>(new PackagedAuthConfig().start());
        config.put("quarkus.http.port", "0");
        config.put("quarkus.management.port", "0");
        config.put("quarkus.rest-client.user-service.url", "http://127.0.0.1:9");
        return config;
    }

    @Override
    protected Map<String, String> serviceConfig() {
        return Map.of("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:5432/palisade_auth_test",
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/palisade_auth_test",
                "quarkus.redis.hosts", "redis://127.0.0.1:6379/1",
                "palisade.auth.signing-key.private-key-file", testResourceFile("testkeys/signing-key.pem").toString(),
                "palisade.auth.csrf.secret", "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
                "palisade.auth.mfa.encryption-key", "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f",
                "palisade.auth.login-throttle.window", "PT30S");
    }
}
