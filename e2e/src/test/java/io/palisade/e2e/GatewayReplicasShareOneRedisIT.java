package io.palisade.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.palisade.common.testing.Concurrently;
import io.palisade.e2e.Accounts.Session;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gateway replicas (separate processes) share one Redis: requests fired concurrently at all of them pass exactly
 * as often as the policy allows, because each check is one atomic script on the shared bucket; a leased policy
 * never admits one too many, and a replica killed holding a lease costs the bucket its units only.
 */
@ExtendWith(PalisadeSuite.class)
class GatewayReplicasShareOneRedisIT {

    private static final int REGISTER_LIMIT = 5;
    /** PalisadeSuite's "placing" policy: 100 units an hour, and placing an order costs 3. */
    private static final int PLACING_LIMIT = 100;
    private static final int PLACING_COST = 3;

    private static final int FIRST_PORT = PalisadeSuite.freePort();
    private static final int SECOND_PORT = PalisadeSuite.freePort();
    private static ManagedProcess first;
    private static ManagedProcess second;

    @BeforeAll
    static void startTwoMoreReplicas() {
        PalisadeSuite.Running suite = PalisadeSuite.get();
        // A register window of their own (the suite's gateway counts "register" with a huge limit).
        Map<String, String> strict = Map.of("PALISADE_GATEWAY_RATE_LIMIT_REGISTER_LIMIT", Integer.toString(REGISTER_LIMIT),
                "PALISADE_GATEWAY_RATE_LIMIT_REGISTER_WINDOW", "PT1H");
        first = suite.extraGateway("gateway-replica-1", strict, FIRST_PORT, PalisadeSuite.freePort());
        second = suite.extraGateway("gateway-replica-2", strict, SECOND_PORT, PalisadeSuite.freePort());
        // Replicas take traffic once warm: one request each opens their Redis connections and loads the script.
        for (int port : new int[] {FIRST_PORT, SECOND_PORT}) {
            given().baseUri(gateway(port)).get("/.well-known/jwks.json").then().statusCode(200);
        }
    }

    @AfterAll
    static void stopThem() {
        for (ManagedProcess replica : new ManagedProcess[] {first, second}) {
            if (replica != null) {
                replica.stop(Duration.ofSeconds(10));
            }
        }
    }

    @Test
    void exactlyTheLimitPassesAcrossTwoReplicas() throws Exception {
        // Clear the shared register bucket of 127.0.0.1 that other tests filled at the suite's gateway.
        PalisadeSuite.get().clearRateLimitKeys();
        List<Integer> statuses = Concurrently.run(REGISTER_LIMIT + 20, i -> given()
                .baseUri(gateway(i % 2 == 0 ? FIRST_PORT : SECOND_PORT)).contentType("application/json")
                .body("{\"email\":\"not-an-email\",\"password\":\"x\",\"displayName\":\"x\"}")
                .post("/api/auth/register").statusCode());
        assertThat(statuses.stream().filter(s -> s != 429)).as(statuses.toString()).hasSize(REGISTER_LIMIT);
        assertThat(statuses.stream().filter(s -> s == 429)).hasSize(20);
    }

    @Test
    void aConfiguredPolicyCountsItsCostExactlyAcrossThreeReplicas() {
        // One user places orders through all three gateways at once: 100 units at 3 each admit 33, and the 34th
        // would need 2 units the hour-long bucket refills only after 72 s, so no timing can let one more in.
        Session buyer = Accounts.login(Accounts.register("Busy Buyer"));
        List<String> gateways = List.of(PalisadeSuite.get().gateway(), gateway(FIRST_PORT), gateway(SECOND_PORT));
        List<Integer> statuses = Concurrently.run(60, i -> given().baseUri(gateways.get(i % 3))
                .header("Authorization", "Bearer " + buyer.accessToken()).contentType("application/json")
                .body("{\"item\":\"lamp\",\"quantity\":1}").post("/api/orders").statusCode());
        assertThat(statuses.stream().filter(s -> s == 201)).as(statuses.toString())
                .hasSize(PLACING_LIMIT / PLACING_COST);
        assertThat(statuses.stream().filter(s -> s == 429)).as(statuses.toString())
                .hasSize(60 - PLACING_LIMIT / PLACING_COST);
        // What the service holds agrees with what the gateways admitted.
        buyer.bearer().get("/api/orders").then().statusCode(200).body("size()", equalTo(PLACING_LIMIT / PLACING_COST));
    }

    @Test
    void aLeasedPolicyNeverAdmitsOneTooManyAcrossThreeReplicas() {
        // Replicas lease 10 of the bucket's 100 units at a time: fired at once through all three, in rounds of
        // fresh buckets, never more than 100 pass, and no more than (3 - 1) x 10 are refused early.
        List<String> gateways = List.of(PalisadeSuite.get().gateway(), gateway(FIRST_PORT), gateway(SECOND_PORT));
        for (int round = 0; round < 6; round++) {
            Session user = Accounts.login(Accounts.register("Leasing " + round));
            List<Integer> statuses = Concurrently.run(150, i -> given().baseUri(gateways.get(i % 3))
                    .header("Authorization", "Bearer " + user.accessToken()).get("/api/leased/items").statusCode());
            long admitted = statuses.stream().filter(s -> s != 429).count();
            assertThat(admitted).as("round %d: %s", round, statuses).isLessThanOrEqualTo(100).isGreaterThanOrEqualTo(80);
        }
    }

    @Test
    void aReplicaKilledHoldingALeaseCostsItsUnitsAndNoMore() {
        PalisadeSuite.Running suite = PalisadeSuite.get();
        int port = PalisadeSuite.freePort();
        ManagedProcess doomed = suite.extraGateway("gateway-replica-doomed", Map.of(), port, PalisadeSuite.freePort());
        Session user = Accounts.login(Accounts.register("Orphaned Lease"));
        try {
            // The first request takes its one unit; the second, close behind, a lease of 10 (1 used, 9 held).
            for (int i = 0; i < 2; i++) {
                given().baseUri(gateway(port)).header("Authorization", "Bearer " + user.accessToken())
                        .get("/api/leased/items").then().statusCode(org.hamcrest.Matchers.not(429));
            }
        } finally {
            doomed.kill();
        }
        long admitted = 0;
        for (int i = 0; i < 100; i++) {
            int status = given().baseUri(suite.gateway()).header("Authorization", "Bearer " + user.accessToken())
                    .get("/api/leased/items").statusCode();
            admitted += status != 429 ? 1 : 0;
        }
        assertThat(admitted).as("100 units, 2 admitted by the dead replica and 9 held by it").isEqualTo(89);
    }

    private static String gateway(int port) {
        return "http://127.0.0.1:" + port;
    }
}
