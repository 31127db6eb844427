package io.palisade.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.e2e.Accounts.Account;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Logins saturate auth-service's hashing pool (more concurrent logins than threads plus queue), straight to
 * auth-service so the gateway's login limit does not shield it: the excess is refused with a fast 503, and
 * the readiness probe keeps answering within the kubelet's timeout, so Kubernetes never takes a busy pod out
 * of rotation. How fast it answers is a benchmark's business (bench/), not this test's.
 */
@ExtendWith(PalisadeSuite.class)
class HealthUnderLoginFloodIT {

    private static final Duration FLOOD = Duration.ofSeconds(8);
    /** More than the pool's threads plus its queue of 8 on this 2-core machine, so the pool is full throughout. */
    private static final int FLOODERS = 12;
    /** The chart leaves readinessProbe.timeoutSeconds at Kubernetes' default of 1 s. */
    private static final long PROBE_TIMEOUT_MS = 1_000;

    @Test
    void readinessAnswersWithinTheProbeTimeoutWhileLoginsSaturateTheHashingPool() throws Exception {
        PalisadeSuite.Running suite = PalisadeSuite.get();
        Account account = Accounts.register("Flooded");
        String body = "{\"email\":\"" + account.email() + "\",\"password\":\"" + account.password() + "\"}";
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicInteger busy = new AtomicInteger();
        ExecutorService flood = Executors.newFixedThreadPool(FLOODERS);
        for (int i = 0; i < FLOODERS; i++) {
            flood.submit(() -> {
                while (flooding.get()) {
                    int status = io.restassured.RestAssured.given().baseUri(suite.auth()).contentType("application/json")
                            .body(body).post("/api/auth/login").statusCode();
                    if (status == 503) {
                        busy.incrementAndGet();
                    }
                }
                return null;
            });
        }
        List<Long> probes = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + FLOOD.toNanos();
        Thread.sleep(500);
        while (System.nanoTime() < end) {
            long started = System.nanoTime();
            int status = PalisadeSuite.status("http://127.0.0.1:" + suite.authManagementPort + "/q/health/ready");
            probes.add((System.nanoTime() - started) / 1_000_000);
            assertThat(status).isEqualTo(200);
            Thread.sleep(20);
        }
        flooding.set(false);
        flood.shutdown();
        flood.awaitTermination(30, TimeUnit.SECONDS);

        assertThat(busy.get()).as("logins refused with 503 while the pool was full").isPositive();
        assertThat(Collections.max(probes)).as("slowest of %d readiness probes, in ms", probes.size())
                .isLessThan(PROBE_TIMEOUT_MS);
    }
}
