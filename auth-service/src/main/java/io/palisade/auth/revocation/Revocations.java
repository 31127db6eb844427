package io.palisade.auth.revocation;

import io.palisade.auth.token.TokenConfig;
import io.palisade.common.events.SecurityEvent;
import io.palisade.common.events.SecurityEvents;
import io.palisade.common.revocation.RevocationKeys;
import io.palisade.common.revocation.RevokedSessions;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The one way a session ends. The family is revoked and recorded in PostgreSQL in one statement (so its
 * refresh token is refused at once), this process refuses its access tokens at once, and the revocation is
 * published to Redis (a key that expires with the last token, an entry in the index verifiers reload from,
 * and a message on the channel) for the gateway and the other services. When Redis cannot take it, the
 * request still succeeds: every session still to be refused is published again each second until Redis
 * answers.
 */
@ApplicationScoped
public class Revocations {

    private static final Logger LOG = Logger.getLogger(Revocations.class);

    /** Verifiers accept a token up to 60 s past its {@code exp} (clock skew): refuse its session that long too. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    /** A request waits this long for its own revocations to reach Redis; the retry does the rest. */
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration REPUBLISH_TIMEOUT = Duration.ofSeconds(30);

    private final RevokedSessionRepository repository;
    private final ReactiveRedisDataSource redis;
    private final RevokedSessions local;
    private final SecurityEvents events;
    private final Duration refusedFor;
    /** Set at start-up too, so that a restarted auth-service publishes what an outage may have held back. */
    private final AtomicBoolean unpublished = new AtomicBoolean(true);

    Revocations(RevokedSessionRepository repository, ReactiveRedisDataSource redis, RevokedSessions local,
            SecurityEvents events, TokenConfig tokens) {
        this.repository = repository;
        this.redis = redis;
        this.local = local;
        this.events = events;
        this.refusedFor = tokens.accessTokenTtl().plus(CLOCK_SKEW);
    }

    /** Ends one family, whoever owns it; returns whether it was live. */
    public Uni<Boolean> family(UUID familyId, RevocationReason reason) {
        return repository.revokeFamily(familyId, refusedFor).chain(revoked -> announce(revoked, reason))
                .map(revoked -> !revoked.isEmpty());
    }

    /** Ends one family of {@code accountId}; false when the account has no such live family. */
    public Uni<Boolean> accountsFamily(UUID accountId, UUID familyId, RevocationReason reason) {
        return repository.revokeAccountsFamily(accountId, familyId, refusedFor).chain(revoked -> announce(revoked, reason))
                .map(revoked -> !revoked.isEmpty());
    }

    /** Ends every live family of the account but {@code keep} (null: all); returns how many ended. */
    public Uni<Integer> account(UUID accountId, UUID keep, RevocationReason reason) {
        return repository.revokeAccount(accountId, keep, refusedFor).chain(revoked -> announce(revoked, reason))
                .map(List::size);
    }

    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> publishAgainAfterAnOutage() {
        if (!unpublished.compareAndSet(true, false)) {
            return Uni.createFrom().voidItem();
        }
        return repository.stillRefused()
                .invoke(sessions -> sessions.forEach(session -> local.add(session.sid().toString(), session.expiresAtMillis())))
                .chain(sessions -> publish(sessions).ifNoItem().after(REPUBLISH_TIMEOUT).fail())
                .onFailure().invoke(failure -> unpublished.set(true))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgeExpired() {
        return repository.purgeExpired().replaceWithVoid();
    }

    private Uni<List<RevokedSessionRepository.RevokedSession>> announce(
            List<RevokedSessionRepository.RevokedSession> revoked, RevocationReason reason) {
        for (RevokedSessionRepository.RevokedSession session : revoked) {
            local.add(session.sid().toString(), session.expiresAtMillis());
            events.record(SecurityEvent.SESSION_REVOKED, reason.tag(),
                    Map.of("accountId", session.accountId().toString(), "sessionId", session.sid().toString()));
        }
        return publish(revoked).ifNoItem().after(PUBLISH_TIMEOUT).fail().onFailure().recoverWithUni(failure -> {
            LOG.warnf("revocation of %d session(s) not published (%s); publishing again every second",
                    revoked.size(), failure.getClass().getSimpleName());
            unpublished.set(true);
            return Uni.createFrom().voidItem();
        }).replaceWith(revoked);
    }

    /**
     * One session after the other: a restart may have thousands to publish again, and firing them all at once
     * would drain the Redis pool that logins share (their throttle would answer 503).
     */
    private Uni<Void> publish(List<RevokedSessionRepository.RevokedSession> sessions) {
        if (sessions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(sessions).onItem().transformToUniAndConcatenate(this::publish)
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> publish(RevokedSessionRepository.RevokedSession session) {
        String account = session.accountId().toString();
        String sid = session.sid().toString();
        String expiresAt = Long.toString(session.expiresAtMillis());
        return redis.execute("SET", RevocationKeys.key(account, sid), expiresAt, "PXAT", expiresAt)
                .chain(() -> redis.execute("ZADD", RevocationKeys.INDEX, expiresAt, RevocationKeys.member(account, sid)))
                .chain(() -> redis.execute("ZREMRANGEBYSCORE", RevocationKeys.INDEX, "-inf",
                        Long.toString(System.currentTimeMillis())))
                .chain(() -> redis.execute("PUBLISH", RevocationKeys.CHANNEL,
                        RevocationKeys.message(account, sid, session.expiresAtMillis())))
                .replaceWithVoid();
    }
}
