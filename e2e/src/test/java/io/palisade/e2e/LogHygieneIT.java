package io.palisade.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.e2e.Accounts.Account;
import io.palisade.e2e.Accounts.Session;
import io.restassured.response.Response;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the services wrote while a user registered, logged in, refreshed, failed a login, logged out and
 * deleted the account: JSON lines, one request id and one trace id followed across all three services, a trace
 * and span id on every line written inside a request, and not one password, token, cookie value or CSRF value.
 */
@ExtendWith(PalisadeSuite.class)
class LogHygieneIT {

    @Test
    void noSecretEverReachesALogLineAndEveryLineIsJsonWithTheRequestId() throws Exception {
        Account account = Accounts.register("Secretive");
        Response login = Accounts.loginResponse(account.email(), account.password(), null);
        Session session = new Session(login.path("accessToken"), login.path("csrfToken"), login.getCookie("refresh_token"),
                login.getCookie("device_token"));
        Response refreshed = Accounts.refresh(session.refreshToken(), session.csrfToken());
        String rotated = refreshed.getCookie("refresh_token");
        Accounts.loginResponse(account.email(), "Wrong-" + account.password(), null);
        Accounts.gateway().cookie("refresh_token", rotated).header("X-CSRF-Token", session.csrfToken())
                .post("/api/auth/logout");
        // The logout ended that session and its tokens; the deletion, which crosses all three services
        // (gateway, user-service, then auth-service), comes from a second one.
        Session second = Accounts.login(account);
        // One id per run: a local rerun appends to the same log files.
        String probe = "log-hygiene-probe-" + UUID.randomUUID();
        second.bearer().header("X-Request-Id", probe).delete("/api/users/" + account.id())
                .then().statusCode(204);

        Set<String> probeTraces = new HashSet<>();
        List<String> secrets = List.of(account.password(), session.accessToken(), session.refreshToken(), rotated,
                session.csrfToken(), session.deviceToken(), refreshed.path("accessToken"), second.accessToken(),
                second.refreshToken(), second.csrfToken());
        Thread.sleep(Duration.ofMillis(500).toMillis());
        for (String service : List.of("gateway-service", "auth-service", "user-service")) {
            List<String> lines = jsonLines(PalisadeSuite.get().logs().resolve(service + ".log"));
            assertThat(lines).as(service + " wrote JSON log lines").isNotEmpty();
            for (String line : lines) {
                for (String secret : secrets) {
                    assertThat(line).as(service + " log line").doesNotContain(secret);
                }
            }
            assertThat(lines).as(service + " logged the probe request under its id")
                    .anySatisfy(line -> assertThat(JsonPath.from(line).getString("mdc.requestId"))
                            .isEqualTo(probe));
            for (String line : lines) {
                JsonPath fields = JsonPath.from(line);
                if (fields.getString("mdc.requestId") != null) {
                    assertThat(fields.getString("mdc.traceId")).as(service + " line with a request id: " + line)
                            .matches("[0-9a-f]{32}");
                    assertThat(fields.getString("mdc.spanId")).as(service + " line with a request id: " + line)
                            .matches("[0-9a-f]{16}");
                }
                if (probe.equals(fields.getString("mdc.requestId"))) {
                    probeTraces.add(fields.getString("mdc.traceId"));
                }
            }
        }
        assertThat(probeTraces).as("the probe's lines in all three services, one trace").hasSize(1);
    }

    private static List<String> jsonLines(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(line -> line.startsWith("{")).toList();
    }
}
