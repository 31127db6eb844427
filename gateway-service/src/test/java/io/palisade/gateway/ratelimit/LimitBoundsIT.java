package io.palisade.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.testing.PackagedArtifact;
import io.palisade.gateway.support.PackagedGatewayConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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
    void anOutOfRangeSettingStopsStartUpNamingTheKey(String key, String value) {
        Map<String, String> config = new HashMap<>(new PackagedGatewayConfig().start());
        // Both ports random: the suite's own packaged instance may still hold the fixed ones.
        config.put("quarkus.http.port", "0");
        config.put("quarkus.management.port", "0");
        config.put(key, value);

        PackagedArtifact.Exit run = PackagedArtifact.runUntilExit(config, Duration.ofSeconds(60));

        assertThat(run.exited()).as("the gateway started with %s=%s:%n%s", key, value, run.log()).isTrue();
        assertThat(run.code()).isNotZero();
        assertThat(run.log()).contains(key);
    }
}
