package io.palisade.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two gateway replicas (two processes) share one Redis: of limit + 20 logins fired concurrently at both,
 * exactly the limit pass, because each check is one atomic script on the shared counter.
 */
@ExtendWith(PalisadeSuite.class)
class TwoGatewaysShareOneRedisIT {

    private static final int LIMIT = 5;

    @Test
    void exactlyTheLimitPassesAcrossTwoReplicas() throws Exception {
        PalisadeSuite.Running suite = PalisadeSuite.get();
        // A register window of its own (the suite's gateway counts "register" with a huge limit): the two
        // replicas here share a policy, a key and a Redis, nothing else.
        Map<String, String> strict = Map.of("PALISADE_GATEWAY_RATE_LIMIT_REGISTER_LIMIT", Integer.toString(LIMIT),
                "PALISADE_GATEWAY_RATE_LIMIT_REGISTER_WINDOW", "PT1H");
        int firstPort = PalisadeSuite.freePort();
        int secondPort = PalisadeSuite.freePort();
        ManagedProcess first = suite.extraGateway("gateway-replica-1", strict, firstPort, PalisadeSuite.freePort());
        ManagedProcess second = suite.extraGateway("gateway-replica-2", strict, secondPort, PalisadeSuite.freePort());
        ExecutorService threads = Executors.newFixedThreadPool(LIMIT + 20);
        try {
            // Replicas take traffic once warm: one request each opens their Redis connections and loads the script.
            for (int port : new int[] {firstPort, secondPort}) {
                given().baseUri("http://127.0.0.1:" + port).get("/.well-known/jwks.json").then().statusCode(200);
            }
            // Clear the shared register bucket of 127.0.0.1 that other tests filled at the suite's gateway.
            suite.clearRateLimitKeys();
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < LIMIT + 20; i++) {
                int port = i % 2 == 0 ? firstPort : secondPort;
                calls.add(() -> given().baseUri("http://127.0.0.1:" + port).contentType("application/json")
                        .body("{\"email\":\"not-an-email\",\"password\":\"x\",\"displayName\":\"x\"}")
                        .post("/api/auth/register").statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : threads.invokeAll(calls)) {
                statuses.add(status.get());
            }
            assertThat(statuses.stream().filter(s -> s != 429)).as(statuses.toString()).hasSize(LIMIT);
            assertThat(statuses.stream().filter(s -> s == 429)).hasSize(20);
        } finally {
            threads.shutdownNow();
            first.stop(Duration.ofSeconds(10));
            second.stop(Duration.ofSeconds(10));
        }
    }
}
