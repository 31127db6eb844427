package io.palisade.auth.mfa;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** TOTP factors, recovery codes and login challenges. Every "once" is one conditional UPDATE. */
@ApplicationScoped
public class MfaRepository {

    /** An account's factor: its sealed secret, and whether a correct code confirmed it. */
    public record Factor(byte[] sealedSecret, boolean confirmed) {
    }

    /** A challenge that took a code attempt: whose it is and which login counter the password step chose. */
    public record Challenge(UUID accountId, String counterKey, boolean knownDevice) {
    }

    private final Pool pool;

    MfaRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Factor> factor(UUID accountId) {
        return pool.preparedQuery("SELECT sealed_secret, confirmed_at FROM totp_factor WHERE account_id = $1")
                .execute(Tuple.of(accountId)).map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Factor(row.getBuffer("sealed_secret").getBytes(), row.getOffsetDateTime("confirmed_at") != null);
                });
    }

    /** A new pending factor, replacing a pending one; false when a confirmed factor is already there. */
    public Uni<Boolean> startPending(UUID accountId, byte[] sealedSecret) {
        return pool.preparedQuery("""
                        INSERT INTO totp_factor (account_id, sealed_secret) VALUES ($1, $2)
                        ON CONFLICT (account_id) DO UPDATE SET sealed_secret = excluded.sealed_secret,
                               created_at = now(), last_used_step = 0
                         WHERE totp_factor.confirmed_at IS NULL""")
                .execute(Tuple.of(accountId, Buffer.buffer(sealedSecret))).map(rows -> rows.rowCount() > 0);
    }

    /** Confirms the pending factor with the step of its first code, and stores the recovery codes; false if none was pending. */
    public Uni<Boolean> confirm(UUID accountId, long step, List<byte[]> recoveryHashes) {
        return pool.withTransaction(conn -> conn.preparedQuery("""
                        UPDATE totp_factor SET confirmed_at = now(), last_used_step = $2
                         WHERE account_id = $1 AND confirmed_at IS NULL AND last_used_step < $2""")
                .execute(Tuple.of(accountId, step)).chain(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    return conn.preparedQuery("DELETE FROM recovery_code WHERE account_id = $1").execute(Tuple.of(accountId))
                            .chain(() -> conn.preparedQuery("INSERT INTO recovery_code (account_id, code_hash) VALUES ($1, $2)")
                                    .executeBatch(recoveryHashes.stream()
                                            .map(hash -> Tuple.of(accountId, Buffer.buffer(hash))).toList()))
                            .replaceWith(true);
                }));
    }

    /**
     * Spends a code, time step {@code step} of the confirmed factor or the recovery code hashed {@code codeHash}
     * (the other is null), and, when {@code challengeHash} is set, the login challenge it completes, in one
     * transaction: false when the code or the challenge was spent already, and then neither is. Of parallel
     * second steps on one challenge with different codes, only the winner's code is gone.
     */
    public Uni<Boolean> spend(UUID accountId, Long step, byte[] codeHash, byte[] challengeHash) {
        return pool.withTransaction(conn -> (step != null ? spendStep(conn, accountId, step)
                        : spendRecoveryCode(conn, accountId, codeHash))
                        .chain(spent -> !spent || challengeHash == null ? Uni.createFrom().item(spent)
                                : spendChallenge(conn, challengeHash).invoke(won -> {
                                    if (!won) {
                                        throw new ChallengeSpent();
                                    }
                                })))
                .onFailure(ChallengeSpent.class).recoverWithItem(false);
    }

    /** Rolls a code's spending back when another request completed the challenge first. */
    private static final class ChallengeSpent extends RuntimeException {
        ChallengeSpent() {
            super(null, null, false, false);
        }
    }

    /** Spends time step {@code step}: false when it, or a later one, was already spent. */
    private static Uni<Boolean> spendStep(SqlClient client, UUID accountId, long step) {
        return client.preparedQuery("""
                        UPDATE totp_factor SET last_used_step = $2
                         WHERE account_id = $1 AND confirmed_at IS NOT NULL AND last_used_step < $2""")
                .execute(Tuple.of(accountId, step)).map(rows -> rows.rowCount() > 0);
    }

    /** Spends a recovery code: false when it is not one of the account's unused codes. */
    private static Uni<Boolean> spendRecoveryCode(SqlClient client, UUID accountId, byte[] codeHash) {
        return client.preparedQuery("""
                        UPDATE recovery_code SET used_at = now()
                         WHERE account_id = $1 AND code_hash = $2 AND used_at IS NULL""")
                .execute(Tuple.of(accountId, Buffer.buffer(codeHash))).map(rows -> rows.rowCount() > 0);
    }

    public Uni<Integer> recoveryCodesLeft(UUID accountId) {
        return pool.preparedQuery("SELECT count(*) FROM recovery_code WHERE account_id = $1 AND used_at IS NULL")
                .execute(Tuple.of(accountId)).map(rows -> rows.iterator().next().getInteger(0));
    }

    /** Removes the factor and its recovery codes; false when there was none. */
    public Uni<Boolean> remove(UUID accountId) {
        return pool.withTransaction(conn -> conn.preparedQuery("DELETE FROM recovery_code WHERE account_id = $1")
                .execute(Tuple.of(accountId))
                .chain(() -> conn.preparedQuery("DELETE FROM totp_factor WHERE account_id = $1").execute(Tuple.of(accountId)))
                .map(rows -> rows.rowCount() > 0));
    }

    public Uni<Void> createChallenge(byte[] tokenHash, UUID accountId, String counterKey, boolean knownDevice, Duration ttl) {
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
    public Uni<Challenge> attempt(byte[] tokenHash, int maxAttempts) {
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

    /** Spends the challenge after a correct code (its attempt was not a failure); false if it was spent meanwhile. */
    private static Uni<Boolean> spendChallenge(SqlClient client, byte[] tokenHash) {
        return client.preparedQuery("""
                        UPDATE mfa_challenge SET used_at = now(), failures = failures - 1
                         WHERE token_hash = $1 AND used_at IS NULL""")
                .execute(Tuple.of(Buffer.buffer(tokenHash))).map(rows -> rows.rowCount() > 0);
    }

    public Uni<Integer> purgeChallenges() {
        return pool.query("DELETE FROM mfa_challenge WHERE expires_at < now() - interval '1 day'").execute()
                .map(rows -> rows.rowCount());
    }
}
