package io.palisade.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.auth.support.PackagedAuthConfig;
import io.palisade.common.testing.PackagedArtifact;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every secret the prod profile requires is checked at start-up: a pod without it, or with a weak one, must
 * never report ready and then fail its first login.
 */
class MissingSecretIT {

    @ParameterizedTest
    @CsvSource(value = {
        "palisade.auth.csrf.secret, <unset>",
        "palisade.auth.csrf.secret, 00010203",
        "palisade.auth.csrf.secret, not-hex-nor-base64!",
        "palisade.auth.mfa.encryption-key, <unset>",
        "palisade.auth.mfa.encryption-key, 0001020304050607",
        "palisade.auth.sealing-key, 0001020304050607",
        "palisade.auth.sealing-key, not-hex-nor-base64!",
        "palisade.auth.signing-key.private-key-file, <unset>",
        "palisade.auth.signing-key.private-key-file, /nonexistent/signing-key.pem"})
    void prodRefusesToStartAndNamesTheKey(String key, String value) {
        Map<String, String> config = PackagedAuthConfig.onRandomPorts();
        if (value.equals("<unset>")) {
            config.remove(key);
        } else {
            config.put(key, value);
        }

        PackagedArtifact.Exit run = PackagedArtifact.runUntilExit(config, Duration.ofSeconds(60));

        assertThat(run.exited()).as("auth-service started without a good %s:%n%s", key, run.log()).isTrue();
        assertThat(run.code()).isNotZero();
        assertThat(run.log()).contains(key);
    }
}
