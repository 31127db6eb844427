package io.palisade.auth.session;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Keeps the session tables bounded: families that expired or were revoked more than a day ago go, with their
 * tokens. One idempotent DELETE, so several replicas running it at once do no harm.
 */
@ApplicationScoped
class FamilyPurge {

    private static final Logger LOG = Logger.getLogger(FamilyPurge.class);
    static final Duration KEEP = Duration.ofDays(1);

    private final RefreshTokenRepository repository;

    FamilyPurge(RefreshTokenRepository repository) {
        this.repository = repository;
    }

    @Scheduled(every = "1h", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return repository.purge(KEEP).invoke(count -> {
            if (count > 0) {
                LOG.infof("purged %d expired or revoked refresh families", count);
            }
        }).replaceWithVoid();
    }
}
