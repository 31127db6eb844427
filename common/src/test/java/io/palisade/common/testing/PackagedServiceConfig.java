package io.palisade.common.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Runs a service's packaged build (the jar, or the native executable under {@code -Dnative}) in the prod
 * profile on a test machine, for {@code @QuarkusIntegrationTest} classes. The packaged build carries no test
 * resources, so the test keys it must trust are handed over as files.
 *
 * <p>The management port is fixed per module (failsafe's {@code quarkus.management.test-port}) rather than
 * random: the launcher learns only the main port from the log, and Quarkus' Micrometer binder tags server
 * meters with {@code server_port} only for a non-zero configured port, so a random main port beside a fixed
 * management port registers one meter name with two tag sets and the server never starts.
 */
public abstract class PackagedServiceConfig implements QuarkusTestResourceLifecycleManager {

    @Override
    public final Map<String, String> start() {
        Map<String, String> config = new HashMap<>(serviceConfig());
        config.put("palisade.jwt.jwks-url", testResourceFile("testkeys/jwks.json").toUri().toString());
        config.put("quarkus.management.port",
                ConfigProvider.getConfig().getValue("quarkus.management.test-port", String.class));
        return config;
    }

    /** What this service needs beyond the shared JWKS: its database, Redis, secrets, peers. */
    protected abstract Map<String, String> serviceConfig();

    @Override
    public void stop() {
    }

    /** Copies a test-only resource (a key, the JWKS) to a file the packaged process can read. */
    protected static Path testResourceFile(String resource) {
        try (InputStream in = PackagedServiceConfig.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            Path file = Files.createTempFile("palisade-it-", "-" + Path.of(resource).getFileName());
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
