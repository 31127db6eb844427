package io.palisade.common.revocation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.ScoredValue;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * This process's copy of the revoked sessions, so that checking a token's {@code sid} costs no network
 * round trip. It is fed by the {@link RevocationKeys#CHANNEL} channel and, on every (re)connection, loaded
 * from {@link RevocationKeys#INDEX} (after subscribing, so nothing published in between is missed). While Redis is away the
 * copy keeps what it knows and a reconnection is tried every half second; what was revoked meanwhile
 * arrives with the reload. Entries leave once the last token they could refuse has expired.
 */
@ApplicationScoped
public class RevokedSessions {

    private static final Logger LOG = Logger.getLogger(RevokedSessions.class);
    private static final long RECONNECT_MILLIS = 500;
    private static final long SWEEP_MILLIS = 60_000;

    private final Map<String, Long> expiries = new ConcurrentHashMap<>();
    private final Redis redis;
    private final ReactiveRedisDataSource data;
    private final Vertx vertx;
    private volatile RedisConnection subscription;
    private volatile boolean stopped;

    RevokedSessions(Redis redis, ReactiveRedisDataSource data, Vertx vertx, MeterRegistry registry) {
        this.redis = redis;
        this.data = data;
        this.vertx = vertx;
        Gauge.builder("palisade.revoked.sessions.known", expiries, Map::size)
                .description("Revoked sessions this process refuses tokens of").register(registry);
        Gauge.builder("palisade.revoked.sessions.feed.connected", this, feed -> feed.subscription == null ? 0 : 1)
                .description("Whether the revocation feed is connected (1) or being reconnected (0)").register(registry);
    }

    void start(@Observes StartupEvent start) {
        connect();
        vertx.setPeriodic(SWEEP_MILLIS, id -> sweep());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        RedisConnection connection = subscription;
        if (connection != null) {
            connection.close();
        }
    }

    /** Whether tokens of session {@code sid} must be refused now. */
    public boolean isRevoked(String sid) {
        if (sid == null) {
            return false;
        }
        Long expiresAt = expiries.get(sid);
        if (expiresAt == null) {
            return false;
        }
        if (expiresAt <= System.currentTimeMillis()) {
            expiries.remove(sid, expiresAt);
            return false;
        }
        return true;
    }

    /** Refuses {@code sid} until {@code expiresAtMillis}: what the feed does, and what the revoker does at once. */
    public void add(String sid, long expiresAtMillis) {
        if (expiresAtMillis > System.currentTimeMillis()) {
            expiries.merge(sid, expiresAtMillis, Math::max);
        }
    }

    /** Whether the feed is subscribed right now. */
    public boolean connected() {
        return subscription != null;
    }

    private void connect() {
        if (stopped) {
            return;
        }
        redis.connect().onSuccess(connection -> {
            // A dying connection reports both an exception and its end: only the first one reconnects.
            AtomicBoolean gone = new AtomicBoolean();
            Runnable lost = () -> {
                if (gone.compareAndSet(false, true)) {
                    if (subscription == connection) {
                        subscription = null;
                    }
                    connection.close();
                    retry();
                }
            };
            connection.handler(this::onMessage);
            connection.exceptionHandler(failure -> lost.run());
            connection.endHandler(end -> lost.run());
            connection.send(Request.cmd(Command.SUBSCRIBE).arg(RevocationKeys.CHANNEL))
                    .onSuccess(subscribed -> reload().subscribe().with(
                            loaded -> {
                                if (!gone.get()) {
                                    subscription = connection;
                                }
                                LOG.debugf("revocation feed subscribed; %d revoked sessions loaded", loaded);
                            },
                            failure -> lost.run()))
                    .onFailure(failure -> lost.run());
        }).onFailure(failure -> retry());
    }

    private void retry() {
        if (!stopped) {
            vertx.setTimer(RECONNECT_MILLIS, id -> connect());
        }
    }

    private Uni<Integer> reload() {
        return data.sortedSet(String.class)
                .zrangebyscoreWithScores(RevocationKeys.INDEX, new ScoreRange<>((double) System.currentTimeMillis(),
                        Double.POSITIVE_INFINITY))
                .map(sessions -> {
                    for (ScoredValue<String> session : sessions) {
                        add(session.value().substring(session.value().indexOf(' ') + 1), (long) session.score());
                    }
                    return sessions.size();
                });
    }

    private void onMessage(Response message) {
        if (message == null || message.size() < 3 || !"message".equals(message.get(0).toString())) {
            return;
        }
        String[] parts = message.get(2).toString().split(" ");
        if (parts.length == 3) {
            add(parts[1], parseMillis(parts[2]));
        }
    }

    private static long parseMillis(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void sweep() {
        long now = System.currentTimeMillis();
        expiries.values().removeIf(expiresAt -> expiresAt <= now);
    }
}
