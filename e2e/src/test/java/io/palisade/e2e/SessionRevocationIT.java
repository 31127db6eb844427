package io.palisade.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.palisade.e2e.Accounts.Account;
import io.palisade.e2e.Accounts.Session;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A session ended through the gateway stops its access token everywhere: at the gateway, at user-service and
 * at auth-service called directly, each within 2 s of the revoking response, over 20 revocations. The delays
 * are printed (median and worst) for the record; a second gateway process hears the revocation as well.
 */
@ExtendWith(PalisadeSuite.class)
class SessionRevocationIT {

    private static final int REVOCATIONS = 20;
    private static final Duration BOUND = Duration.ofSeconds(2);

    @Test
    void anEndedSessionsAccessTokenIsRefusedEverywhereWithinTwoSeconds() throws InterruptedException {
        PalisadeSuite.Running suite = PalisadeSuite.get();
        Account account = Accounts.register("Revoker");
        Session keeper = Accounts.login(account);
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < REVOCATIONS; i++) {
            Session ended = Accounts.login(account);
            String sid = keeper.bearer().get("/api/auth/sessions").then().statusCode(200)
                    .extract().path("items.find { !it.current }.id");
            for (Target target : targets(suite)) {
                assertThat(target.status(ended)).as(target.toString()).isEqualTo(200);
            }

            keeper.bearer().delete("/api/auth/sessions/" + sid).then().statusCode(204);
            long revoked = System.nanoTime();

            long slowest = 0;
            for (Target target : targets(suite)) {
                while (target.status(ended) != 401) {
                    assertThat(Duration.ofNanos(System.nanoTime() - revoked)).isLessThan(BOUND);
                    Thread.sleep(5);
                }
                slowest = Math.max(slowest, System.nanoTime() - revoked);
            }
            delays.add(slowest);
        }
        Collections.sort(delays);
        System.out.printf("[revocation] %d revocations: median %.1f ms, worst %.1f ms until refused everywhere%n",
                REVOCATIONS, delays.get(REVOCATIONS / 2) / 1e6, delays.get(REVOCATIONS - 1) / 1e6);
        assertThat(Duration.ofNanos(delays.get(REVOCATIONS - 1))).isLessThan(BOUND);
        keeper.bearer().get("/api/auth/sessions").then().statusCode(200).body("items.size()", equalTo(1));
    }

    @Test
    void aSecondGatewayHearsTheRevocationToo() throws InterruptedException {
        PalisadeSuite.Running suite = PalisadeSuite.get();
        int port = PalisadeSuite.freePort();
        ManagedProcess second = suite.extraGateway("gateway-revocation", Map.of(
                "PALISADE_GATEWAY_RATE_LIMIT_ENABLED", "false"), port, PalisadeSuite.freePort());
        try {
            Account account = Accounts.register("Two doors");
            Session keeper = Accounts.login(account);
            Session ended = Accounts.login(account);
            RequestSpecification otherDoor = given().baseUri("http://127.0.0.1:" + port)
                    .header("Authorization", "Bearer " + ended.accessToken());
            otherDoor.get("/api/users/me").then().statusCode(200);

            keeper.bearer().delete("/api/auth/sessions").then().statusCode(204);
            long revoked = System.nanoTime();

            // Rate limiting is off at this door, so only its copy of the channel can refuse the token.
            while (otherDoor.get("/api/users/me").statusCode() != 401) {
                assertThat(Duration.ofNanos(System.nanoTime() - revoked)).isLessThan(BOUND);
                Thread.sleep(5);
            }
        } finally {
            second.stop(Duration.ofSeconds(10));
        }
    }

    /** A verifier of access tokens, reached directly, and a route of it that needs one. */
    private record Target(String baseUri, String path) {
        int status(Session session) {
            return given().baseUri(baseUri).header("Authorization", "Bearer " + session.accessToken()).get(path)
                    .statusCode();
        }
    }

    private static List<Target> targets(PalisadeSuite.Running suite) {
        return List.of(new Target(suite.gateway(), "/api/users/me"),
                new Target("http://127.0.0.1:" + suite.userPort, "/api/users/me"),
                new Target("http://127.0.0.1:" + suite.authPort, "/api/auth/sessions"));
    }
}
