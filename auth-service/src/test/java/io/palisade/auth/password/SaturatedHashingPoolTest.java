package io.palisade.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.UserServiceStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A login burst larger than the hashing pool and its queue is refused at once with 503 and Retry-After
 * instead of queueing; what the pool did accept is answered normally.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
@TestProfile(SaturatedHashingPoolTest.OneThreadOneSlot.class)
class SaturatedHashingPoolTest {

    private static final int BURST = 12;

    public static class OneThreadOneSlot implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // One hash at a time, one waiting, each slow enough that the burst arrives while the first runs.
            return Map.of("palisade.auth.password.hashing-pool-size", "1",
                    "palisade.auth.password.hashing-queue-size", "1",
                    "palisade.auth.password.argon2.memory-kib", "65536",
                    "palisade.auth.password.argon2.iterations", "4");
        }
    }

    @Test
    void aBurstBeyondThePoolGetsFast503sAndTheRestAreAnswered() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(BURST);
        try {
            List<Callable<Response>> logins = IntStream.range(0, BURST).<Callable<Response>>mapToObj(i -> () ->
                    AuthTestSupport.login("burst-" + UUID.randomUUID() + "@palisade.test", "Lantern-Quay-9!", null))
                    .toList();
            List<Response> answers = clients.invokeAll(logins).stream().map(SaturatedHashingPoolTest::get).toList();

            List<Response> refused = answers.stream().filter(r -> r.statusCode() == 503).toList();
            // An unbounded queue would answer all of them, late; a bounded one must have refused some.
            assertThat(refused).as("refused of %d", BURST).isNotEmpty();
            assertThat(refused).allSatisfy(r -> {
                assertThat(r.contentType()).isEqualTo("application/problem+json");
                assertThat(r.header("Retry-After")).isNotBlank();
            });
            assertThat(answers).filteredOn(r -> r.statusCode() != 503)
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.statusCode()).as("unknown emails").isEqualTo(401));
        } finally {
            clients.shutdownNow();
        }
    }

    private static Response get(Future<Response> answer) {
        try {
            return answer.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
