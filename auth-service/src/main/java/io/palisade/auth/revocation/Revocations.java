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
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
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
    /** A request waits this long for its own revocations to reach Redis; publishing goes on after its answer. */
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(1);
    /** Sessions published at once: enough to publish thousands within a second, few enough to leave logins room in the Redis pool. */
    private static final int PUBLISHING_AT_ONCE = 4;
    /** Index members per ZADD. */
    private static final int INDEX_CHUNK = 500;
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
        if (revoked.isEmpty()) {
            return Uni.createFrom().item(revoked);
        }
        // Published apart from the request: waiting for it is bounded, and the bound must not cut it short (an
        // account with thousands of sessions takes longer, and every one of them must reach the verifiers).
        CompletableFuture<Void> published = publish(revoked).subscribeAsCompletionStage();
        published.whenComplete((done, failure) -> {
            if (failure != null) {
                LOG.warnf("revocation of %d session(s) not published (%s); publishing again every second",
                        revoked.size(), failure.getClass().getSimpleName());
                unpublished.set(true);
            }
        });
        return Uni.createFrom().<Void>emitter(waiting -> published.whenComplete((done, failure) -> waiting.complete(null)))
                .ifNoItem().after(PUBLISH_TIMEOUT).recoverWithItem((Void) null)
                .replaceWith(revoked);
    }

    /**
     * The index first, a chunk of members per command, then each session's key and message, a few sessions at
     * a time: a restart may have thousands to publish again, and firing them all at once would drain the Redis
     * pool that logins share (their throttle would answer 503), while one after the other took four round trips
     * per session and left an account with thousands of sessions past the 2 s bound.
     */
    private Uni<Void> publish(List<RevokedSessionRepository.RevokedSession> sessions) {
        if (sessions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<List<RevokedSessionRepository.RevokedSession>> chunks = new ArrayList<>();
        for (int from = 0; from < sessions.size(); from += INDEX_CHUNK) {
            chunks.add(sessions.subList(from, Math.min(sessions.size(), from + INDEX_CHUNK)));
        }
        return Multi.createFrom().iterable(chunks).onItem().transformToUniAndConcatenate(this::index)
                .collect().last()
                .chain(() -> command("ZREMRANGEBYSCORE", RevocationKeys.INDEX, "-inf",
                        Long.toString(System.currentTimeMillis())))
                .chain(() -> Multi.createFrom().iterable(sessions)
                        .onItem().transformToUni(this::announceOne).merge(PUBLISHING_AT_ONCE)
                        .collect().last())
                .replaceWithVoid();
    }

    private Uni<Void> index(List<RevokedSessionRepository.RevokedSession> chunk) {
        List<String> arguments = new ArrayList<>(1 + 2 * chunk.size());
        arguments.add(RevocationKeys.INDEX);
        for (RevokedSessionRepository.RevokedSession session : chunk) {
            arguments.add(Long.toString(session.expiresAtMillis()));
            arguments.add(RevocationKeys.member(session.accountId().toString(), session.sid().toString()));
        }
        return command("ZADD", arguments.toArray(String[]::new)).replaceWithVoid();
    }

    private Uni<Void> announceOne(RevokedSessionRepository.RevokedSession session) {
        String account = session.accountId().toString();
        String sid = session.sid().toString();
        String expiresAt = Long.toString(session.expiresAtMillis());
        return command("SET", RevocationKeys.key(account, sid), expiresAt, "PXAT", expiresAt)
                .chain(() -> command("PUBLISH", RevocationKeys.CHANNEL,
                        RevocationKeys.message(account, sid, session.expiresAtMillis())))
                .replaceWithVoid();
    }

    /**
     * One command, failed when Redis does not answer within {@link #PUBLISH_TIMEOUT}: during an outage the
     * client may hold a command instead of refusing it, and publishing must fail fast so that the republishing
     * round takes over as soon as Redis is back.
     */
    private Uni<Response> command(String name, String... arguments) {
        return redis.execute(name, arguments).ifNoItem().after(PUBLISH_TIMEOUT).fail();
    }
}
