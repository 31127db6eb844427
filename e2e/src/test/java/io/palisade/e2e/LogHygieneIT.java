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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the services wrote while a user registered, logged in, refreshed, failed a login, logged out and
 * deleted the account: JSON lines, one request id followed across all three services, and not one
 * password, token, cookie value or CSRF value.
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
        second.bearer().header("X-Request-Id", "log-hygiene-probe").delete("/api/users/" + account.id())
                .then().statusCode(204);

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
                            .isEqualTo("log-hygiene-probe"));
        }
    }

    private static List<String> jsonLines(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(line -> line.startsWith("{")).toList();
    }
}
