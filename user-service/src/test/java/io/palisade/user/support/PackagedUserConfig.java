package io.palisade.user.support;

import io.palisade.common.testing.PackagedServiceConfig;
import java.util.Map;

/** The packaged user-service on a test machine: the test database, as the test profile has it. */
public class PackagedUserConfig extends PackagedServiceConfig {

    @Override
    protected Map<String, String> serviceConfig() {
        return Map.of("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:5432/palisade_users_test",
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/palisade_users_test");
    }
}
