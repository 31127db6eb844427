package io.palisade.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The demo frontend in a real headless Chromium, served from another origin than the gateway: the allowed
 * origin signs up, logs in, shows the profile, refreshes with cookie + CSRF header, lists its sessions and
 * signs out a second device (whose token then stops within 2 s), changes the password, logs out, logs in
 * with the new password and a TOTP code after enrolling (QR code, recovery codes shown once), signs out
 * everywhere, then resets the forgotten password through the link mailed to the suite's catcher and logs in
 * with it; a disallowed origin is refused by the browser itself, on the gateway's CORS answer.
 */
@ExtendWith(PalisadeSuite.class)
class BrowserFlowIT {

    private final Path root = Path.of(System.getProperty("palisade.root", ".."));
    private final Path screenshots = root.resolve("e2e/target/screenshots");

    @Test
    void runsTheWholeFlowFromTheAllowedOrigin() throws Exception {
        Result result = flow(List.of("--origin-host", "localhost", "--origin-port", "5173"));
        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output).contains("\"result\":\"ok\"");
        assertThat(screenshots.resolve("browser-flow.png")).isNotEmptyFile();
    }

    @Test
    void isRefusedByTheBrowserFromADisallowedOrigin() throws Exception {
        Result result = flow(List.of("--origin-host", "127.0.0.1", "--origin-port", "5174", "--expect", "refused"));
        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output).contains("\"result\":\"refused\"");
    }

    private Result flow(List<String> extra) throws IOException, InterruptedException {
        Path script = root.resolve("e2e/browser/flow.mjs");
        assertThat(root.resolve("e2e/browser/node_modules/playwright-core")).as(
                "playwright-core is installed by .ci/run (npm ci --prefix e2e/browser)").isDirectory();
        assertThat(Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"))).as(
                "Debian's chromium is installed by .ci/run (apt-get install chromium)").exists();
        List<String> command = new ArrayList<>(List.of("node", script.toString(),
                "--gateway", "http://localhost:" + PalisadeSuite.get().gatewayPort, "--inbox", PalisadeSuite.get().inbox(),
                "--out", screenshots.toString()));
        command.addAll(extra);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the browser flow did not finish within 90 s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String output) {}
}
