package io.palisade.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.auth.support.PackagedAuthConfig;
import io.palisade.common.testing.PackagedArtifact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged build, in prod, refuses to start with an Argon2id cost below OWASP's floor. */
class WeakArgonCostIT {

    @Test
    void prodRefusesToStartBelowTheFloorAndNamesTheKey() throws Exception {
        Map<String, String> config = new HashMap<>(new PackagedAuthConfig().start());
        // Both ports random: the suite's own packaged instance may still hold the fixed ones.
        config.put("quarkus.http.port", "0");
        config.put("quarkus.management.port", "0");
        config.put("palisade.auth.user-service-url", "http://127.0.0.1:9");
        config.put("palisade.auth.password.argon2.memory-kib", "8192");
        Path output = Files.createTempFile("weak-argon-", ".log");

        Process process = new ProcessBuilder(PackagedArtifact.command(config)).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }

        String log = Files.readString(output);
        assertThat(exited).as("the service started with a weak cost:%n%s", log).isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(log).contains("palisade.auth.password.argon2 is below OWASP's floor");
    }
}
