package io.palisade.auth.mfa;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** TOTP factors and recovery codes. Every "once" is one conditional UPDATE. */
@ApplicationScoped
class MfaRepository {

    /** An account's factor: its sealed secret, and whether a correct code confirmed it. */
    public record Factor(byte[] sealedSecret, boolean confirmed) {
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
     * (the other is null), and, in the same transaction, what {@code alongside} spends: false when either was
     * spent already, and then neither is. Of parallel second steps of one login with different codes, only the
     * winner's code is gone.
     */
    Uni<Boolean> spend(UUID accountId, Long step, byte[] codeHash, SecondFactor.Alongside alongside) {
        return pool.withTransaction(conn -> (step != null ? spendStep(conn, accountId, step)
                        : spendRecoveryCode(conn, accountId, codeHash))
                        .chain(spent -> !spent ? Uni.createFrom().item(false)
                                : alongside.spend(conn).invoke(won -> {
                                    if (!won) {
                                        throw new ChallengeSpent();
                                    }
                                })))
                .onFailure(ChallengeSpent.class).recoverWithItem(false);
    }

    /** Rolls a code's spending back when what it was spent alongside was spent first. */
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
}
