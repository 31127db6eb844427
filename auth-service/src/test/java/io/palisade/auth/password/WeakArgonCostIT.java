package io.palisade.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.auth.support.PackagedAuthConfig;
import io.palisade.common.testing.PackagedArtifact;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packaged build, in prod, refuses to start with an Argon2id cost below OWASP's floor. */
class WeakArgonCostIT {

    @Test
    void prodRefusesToStartBelowTheFloorAndNamesTheKey() {
        Map<String, String> config = PackagedAuthConfig.onRandomPorts();
        config.put("palisade.auth.password.argon2.memory-kib", "8192");

        PackagedArtifact.Exit run = PackagedArtifact.runUntilExit(config, Duration.ofSeconds(60));

        assertThat(run.exited()).as("the service started with a weak cost:%n%s", run.log()).isTrue();
        assertThat(run.code()).isNotZero();
        assertThat(run.log()).contains("palisade.auth.password.argon2 is below OWASP's floor");
    }
}
