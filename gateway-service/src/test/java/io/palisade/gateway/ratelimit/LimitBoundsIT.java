package io.palisade.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.testing.PackagedArtifact;
import io.palisade.gateway.support.PackagedGatewayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The packaged gateway refuses to start with a limit or window outside the contract's bounds, naming the key. */
class LimitBoundsIT {

    @ParameterizedTest
    @CsvSource({
        "palisade.gateway.rate-limit.api.limit, 1000001",
        "palisade.gateway.rate-limit.login.limit, 0",
        "palisade.gateway.rate-limit.auth.window, PT0.5S",
        "palisade.gateway.rate-limit.register.window, P2D",
        "palisade.gateway.client-ip-header, X-Real-IP"})
    void anOutOfRangeSettingStopsStartUpNamingTheKey(String key, String value) throws Exception {
        Map<String, String> config = new HashMap<>(new PackagedGatewayConfig().start());
        // Both ports random: the suite's own packaged instance may still hold the fixed ones.
        config.put("quarkus.http.port", "0");
        config.put("quarkus.management.port", "0");
        config.put(key, value);
        Path output = Files.createTempFile("gateway-bounds-", ".log");

        Process process = new ProcessBuilder(PackagedArtifact.command(config)).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }

        String log = Files.readString(output);
        assertThat(exited).as("the gateway started with %s=%s:%n%s", key, value, log).isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(log).contains(key);
    }
}
