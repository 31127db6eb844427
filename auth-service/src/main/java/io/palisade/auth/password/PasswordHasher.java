package io.palisade.auth.password;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.palisade.common.requestid.RequestContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Argon2id hashing and verification. Each hash burns tens of milliseconds of CPU and 19 MiB, so it runs off
 * the event loop on a bounded pool with a short queue: a login flood gets fast 503s instead of an endless
 * queue, and the probes and other routes keep their threads.
 *
 * <p>Created at start-up, not at the first login: a cost below the floor must stop the service before it
 * serves, and the decoy hash is ready before the first unknown email arrives.
 */
@Startup
@ApplicationScoped
public class PasswordHasher {

    /** OWASP's Argon2id floor (m = 19 MiB, t = 2, p = 1). */
    static final int MIN_MEMORY_KIB = 19 * 1024;
    static final int MIN_ITERATIONS = 2;

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final PasswordConfig.Argon2 cost;
    private final SecureRandom random = new SecureRandom();
    private final ThreadPoolExecutor pool;
    private final Counter computed;
    private final String decoyHash;

    PasswordHasher(PasswordConfig config, MeterRegistry registry) {
        PasswordConfig.Argon2 cost = config.argon2();
        if (LaunchMode.current() == LaunchMode.NORMAL
                && (cost.memoryKib() < MIN_MEMORY_KIB || cost.iterations() < MIN_ITERATIONS)) {
            throw new IllegalStateException("palisade.auth.password.argon2 is below OWASP's floor (memory-kib >= "
                    + MIN_MEMORY_KIB + ", iterations >= " + MIN_ITERATIONS + ")");
        }
        this.cost = cost;
        int threads = config.hashingPoolSize().orElse(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
        if (threads < 1) {
            throw new IllegalStateException("palisade.auth.password.hashing-pool-size must be at least 1");
        }
        AtomicInteger counter = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, config.hashingQueueSize())),
                task -> {
                    Thread thread = new Thread(task, "password-hashing-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.AbortPolicy());
        Gauge.builder("palisade.auth.hashing.active", pool, ThreadPoolExecutor::getActiveCount)
                .description("Password hashes being computed").register(registry);
        Gauge.builder("palisade.auth.hashing.queued", pool, p -> p.getQueue().size())
                .description("Password hashes waiting for a thread").register(registry);
        Gauge.builder("palisade.auth.hashing.capacity", pool, p -> p.getMaximumPoolSize() + p.getQueue().remainingCapacity() + p.getQueue().size())
                .description("Hashes the pool accepts at once, running and queued").register(registry);
        this.computed = Counter.builder("palisade.auth.hashing.computed")
                .description("Argon2id computations run on the pool, hashes and verifications alike")
                .register(registry);
        byte[] decoyPassword = new byte[24];
        random.nextBytes(decoyPassword);
        this.decoyHash = hashNow(Base64.getEncoder().encodeToString(decoyPassword));
    }

    /** Hashes a new password as a self-describing PHC string ({@code $argon2id$v=19$m=...}). */
    public Uni<String> hash(String password) {
        return onPool(() -> hashNow(password));
    }

    /**
     * Verifies {@code password} against {@code storedHash}; with no stored hash (unknown email) it verifies
     * against a decoy, so both cost one hash and take about the same time.
     */
    public Uni<Boolean> verify(String password, String storedHash) {
        return onPool(() -> {
            String hash = storedHash == null ? decoyHash : storedHash;
            boolean matches = Argon2Hash.parse(hash).matches(password);
            return matches && storedHash != null;
        });
    }

    /** Whether a stored hash was made with weaker parameters than configured now, so a login should rehash it. */
    public boolean needsRehash(String storedHash) {
        Argon2Hash used = Argon2Hash.parse(storedHash);
        return used.memoryKib() < cost.memoryKib() || used.iterations() < cost.iterations()
                || used.parallelism() != cost.parallelism();
    }

    private String hashNow(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return Argon2Hash.compute(cost.memoryKib(), cost.iterations(), cost.parallelism(), salt, password,
                HASH_BYTES).encoded();
    }

    private <T> Uni<T> onPool(Supplier<T> work) {
        Supplier<T> counted = () -> {
            computed.increment();
            return work.get();
        };
        return RequestContext.offload(counted, pool)
                .onFailure(RejectedExecutionException.class).transform(e -> busy());
    }

    /**
     * Runs {@code work}, which ends in a hash, only while the pool would take one more; else fails at once with
     * the pool's 503. A flood is then refused before each of its requests costs a database read and two Redis
     * calls, load it would put on the database and on the Redis the gateways limit rates with (on two cores, six
     * times as many refusals per second). A hash submitted after the pool filled meanwhile is still refused at
     * submission.
     */
    public <T> Uni<T> whenRoom(Supplier<Uni<? extends T>> work) {
        // Tasks queue only once every thread is busy, so a full queue is when a submission would be rejected.
        if (pool.getQueue().remainingCapacity() == 0) {
            return Uni.createFrom().failure(busy());
        }
        return Uni.createFrom().deferred(work);
    }

    private static ProblemException busy() {
        return ProblemException.retryAfter(ProblemKind.SERVICE_UNAVAILABLE, "The service is busy; try again shortly.",
                Duration.ofSeconds(1));
    }

    void shutdown(@Observes ShutdownEvent event) {
        pool.shutdownNow();
    }
}
