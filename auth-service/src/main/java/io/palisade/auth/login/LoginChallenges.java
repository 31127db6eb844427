package io.palisade.auth.login;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;

/**
 * The challenges between a login's password step and its code step, stored by the hash of their token. Every
 * "once" is one conditional UPDATE, so parallel code steps on one challenge cannot exceed its attempts or
 * complete it twice.
 */
@ApplicationScoped
class LoginChallenges {

    /** A challenge that took a code attempt: whose it is and which login counter the password step chose. */
    record Challenge(UUID accountId, String counterKey, boolean knownDevice) {
    }

    private final Pool pool;

    LoginChallenges(Pool pool) {
        this.pool = pool;
    }

    Uni<Void> create(byte[] tokenHash, UUID accountId, String counterKey, boolean knownDevice, Duration ttl) {
        return pool.preparedQuery("""
                        INSERT INTO mfa_challenge (token_hash, account_id, counter_key, known_device, expires_at)
                        VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))""")
                .execute(Tuple.of(Buffer.buffer(tokenHash), accountId, counterKey, knownDevice, (double) ttl.toSeconds()))
                .replaceWithVoid();
    }

    /**
     * Counts a code attempt on a live challenge before the code is checked, so concurrent attempts cannot
     * exceed {@code maxAttempts}; null when the challenge is unknown, spent, expired or out of attempts.
     */
    Uni<Challenge> attempt(byte[] tokenHash, int maxAttempts) {
        return pool.preparedQuery("""
                        UPDATE mfa_challenge SET failures = failures + 1
                         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() AND failures < $2
                     RETURNING account_id, counter_key, known_device""")
                .execute(Tuple.of(Buffer.buffer(tokenHash), maxAttempts)).map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Challenge(row.getUUID("account_id"), row.getString("counter_key"), row.getBoolean("known_device"));
                });
    }

    /**
     * Spends the challenge after a correct code (its attempt was not a failure), inside the transaction that
     * spends the code; false if it was spent meanwhile.
     */
    static Uni<Boolean> spend(SqlClient transaction, byte[] tokenHash) {
        return transaction.preparedQuery("""
                        UPDATE mfa_challenge SET used_at = now(), failures = failures - 1
                         WHERE token_hash = $1 AND used_at IS NULL""")
                .execute(Tuple.of(Buffer.buffer(tokenHash))).map(rows -> rows.rowCount() > 0);
    }

    /** Keeps the table bounded; one idempotent DELETE, harmless when several replicas run it at once. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return pool.query("DELETE FROM mfa_challenge WHERE expires_at < now() - interval '1 day'").execute()
                .replaceWithVoid();
    }
}
