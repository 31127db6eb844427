package io.palisade.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.testing.Metrics;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The browser client (clients/browser, as the build just made it) in ten tabs of one origin in Debian's Chromium,
 * through the gateway (e2e/browser/tabs.mjs): twenty rounds in which every tab reloads and calls an API at once,
 * each with exactly one refresh for all ten; a lock holder that never lets go delaying the others by about 5 s; a
 * sign-out in one tab reaching every other within 1 s; no token in any storage a script reads. Through all of it,
 * auth-service never sees a refresh token reused.
 */
@ExtendWith(PalisadeSuite.class)
class BrowserTabsIT {

    private final Path root = Path.of(System.getProperty("palisade.root", ".."));

    @Test
    void tenTabsShareEachRefreshAndNoTokenIsEverReused() throws Exception {
        assertThat(root.resolve("clients/browser/dist/index.js")).as(
                "the browser client is built by its Maven module (clients/browser) before the e2e suite").isRegularFile();
        URL metrics = URI.create("http://127.0.0.1:" + PalisadeSuite.get().authManagementPort + "/q/metrics").toURL();
        double reusedBefore = reused(metrics);
        double rotationsBefore = rotations(metrics);

        List<String> command = List.of("node", root.resolve("e2e/browser/tabs.mjs").toString(),
                "--gateway", "http://localhost:" + PalisadeSuite.get().gatewayPort, "--tabs", "10", "--rounds", "20");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(150, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the tabs did not finish within 150 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("\"result\":\"ok\"").contains("\"refreshesPerRound\":[" + "1,".repeat(19) + "1]");
        assertThat(reused(metrics)).as("refresh tokens reused").isEqualTo(reusedBefore);
        // What left the browser is what auth-service did: every refresh the tabs sent rotated the token once.
        String refreshes = output.replaceAll("(?s).*\"refreshes\":(\\d+).*", "$1");
        assertThat(rotations(metrics) - rotationsBefore).isEqualTo(Double.parseDouble(refreshes));
        System.out.println(output.lines().filter(line -> line.contains("\"result\"")).findFirst().orElse(output));
    }

    private static double rotations(URL metrics) {
        return Metrics.sum(Metrics.scrape(metrics), "palisade_auth_refresh_rotations_total");
    }

    private static double reused(URL metrics) {
        return Metrics.sum(Metrics.scrape(metrics), "palisade_security_events_total",
                "event=\"refresh_token_reuse_detected\"");
    }
}
