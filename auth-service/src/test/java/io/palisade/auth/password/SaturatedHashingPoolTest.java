package io.palisade.auth.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.palisade.common.testing.Concurrently;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A login burst larger than the hashing pool and its queue is refused at once with 503 and Retry-After
 * instead of queueing; what the pool did accept is answered normally, and a refused login's reserved
 * failure is given back, so flooding the pool cannot fill an account's login counter.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
@TestProfile(SaturatedHashingPoolTest.OneThreadOneSlot.class)
class SaturatedHashingPoolTest {

    private static final int BURST = 12;

    @Inject
    PasswordHasher hasher;
    /** Above the pool and its queue by far, so a burst on one email saturates the pool before the counter fills. */
    private static final int MAX_FAILURES = 10;

    public static class OneThreadOneSlot implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // One hash at a time, one waiting, each slow enough that the burst arrives while the first runs.
            return Map.of("palisade.auth.password.hashing-pool-size", "1",
                    "palisade.auth.password.hashing-queue-size", "1",
                    "palisade.auth.password.argon2.memory-kib", "65536",
                    "palisade.auth.password.argon2.iterations", "4",
                    "palisade.auth.login-throttle.max-failures", Integer.toString(MAX_FAILURES));
        }
    }

    @Test
    void aBurstBeyondThePoolGetsFast503sAndTheRestAreAnswered() {
        List<Response> answers = Concurrently.run(BURST, i ->
                AuthTestSupport.login("burst-" + UUID.randomUUID() + "@palisade.test", "Lantern-Quay-9!", null));

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
    }

    @Test
    void workLeadingToAHashIsNotStartedWhileThePoolIsFull() throws Exception {
        // Hashes until one is refused: the pool is then full for as long as a hash takes (a few hundred ms here).
        List<CompletableFuture<String>> filling = new ArrayList<>();
        while (filling.stream().noneMatch(CompletableFuture::isCompletedExceptionally)) {
            assertThat(filling).as("hashes accepted by a pool of one thread and one slot").hasSizeLessThan(10);
            filling.add(hasher.hash("Filling-The-Pool!").subscribeAsCompletionStage());
            Thread.sleep(20);
        }
        AtomicBoolean started = new AtomicBoolean();

        Uni<String> login = hasher.whenRoom(() -> {
            started.set(true);
            return Uni.createFrom().item("read the account");
        });

        try {
            assertThatThrownBy(() -> login.await().atMost(Duration.ofSeconds(5))).isInstanceOfSatisfying(
                    ProblemException.class,
                    problem -> assertThat(problem.kind()).isEqualTo(ProblemKind.SERVICE_UNAVAILABLE));
            assertThat(started).as("the login's reads were started").isFalse();
        } finally {
            // The other tests need the pool empty.
            CompletableFuture.allOf(filling.stream().map(hash -> hash.exceptionally(refused -> null))
                    .toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
        assertThat(hasher.whenRoom(() -> Uni.createFrom().item("read the account")).await()
                .atMost(Duration.ofSeconds(5))).as("once the pool has room").isEqualTo("read the account");
    }

    @Test
    void loginsRefusedForAFullPoolDoNotCountAsFailures() {
        String email = "flood-" + UUID.randomUUID() + "@palisade.test";
        List<Integer> burst = Concurrently.run(BURST,
                i -> AuthTestSupport.login(email, "Wrong-Guess-" + i + "!", null).statusCode());
        assertThat(burst).as("the burst filled the pool").contains(503);

        long checked = burst.stream().filter(status -> status == 401).count();
        int checkedAfter = 0;
        while (checkedAfter <= MAX_FAILURES
                && AuthTestSupport.login(email, "Wrong-Guess-again!", null).statusCode() == 401) {
            checkedAfter++;
        }
        // Only a password that was checked counts: the 503s gave their reservations back.
        assertThat(checked + checkedAfter).as("wrong passwords checked before 429; the burst: %s", burst)
                .isEqualTo(MAX_FAILURES);
    }
}
