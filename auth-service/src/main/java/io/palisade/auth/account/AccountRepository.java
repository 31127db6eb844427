package io.palisade.auth.account;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Accounts in auth-service's own database. Every statement binds its parameters. */
@ApplicationScoped
public class AccountRepository {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS =
            "SELECT id, email, password_hash, groups, locked_at, email_verified_at, display_name, password_reset_required_at"
                    + " FROM account";

    private final Pool pool;

    AccountRepository(Pool pool) {
        this.pool = pool;
    }

    /** Inserts the account; {@link EmailTakenException} when the unique index on lower(email) refuses it. */
    public Uni<Account> insert(Account account) {
        return pool.preparedQuery("""
                        INSERT INTO account (id, email, password_hash, groups, display_name) VALUES ($1, $2, $3, $4, $5)""")
                .execute(Tuple.of(account.id(), account.email(), account.passwordHash(),
                        account.groups().toArray(String[]::new), account.displayName()))
                .replaceWith(account)
                .onFailure(AccountRepository::isUniqueViolation).transform(e -> new EmailTakenException());
    }

    public Uni<Account> findByEmail(String normalisedEmail) {
        return pool.preparedQuery(COLUMNS + " WHERE lower(email) = $1")
                .execute(Tuple.of(normalisedEmail))
                .map(rows -> rows.iterator().hasNext() ? toAccount(rows.iterator().next()) : null);
    }

    public Uni<Account> findById(UUID id) {
        return pool.preparedQuery(COLUMNS + " WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? toAccount(rows.iterator().next()) : null);
    }

    /** Replaces the password hash; a new password also settles a reset the account was waiting for. */
    public Uni<Void> updatePasswordHash(UUID id, String passwordHash) {
        return pool.preparedQuery("""
                        UPDATE account SET password_hash = $2, password_reset_required_at = NULL, updated_at = now()
                         WHERE id = $1""")
                .execute(Tuple.of(id, passwordHash)).replaceWithVoid();
    }

    /** The account, its row locked until {@code conn}'s transaction ends; null when there is none. */
    public Uni<Account> lock(SqlConnection conn, UUID id) {
        return conn.preparedQuery(COLUMNS + " WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? toAccount(rows.iterator().next()) : null);
    }

    /**
     * Moves the account to {@code email}, verified (a token mailed to it came back); with
     * {@code passwordResetRequired}, its next login needs a password reset first. {@link EmailTakenException}
     * when another account holds that address.
     */
    public Uni<Void> moveEmail(SqlConnection conn, UUID id, String email, boolean passwordResetRequired) {
        return conn.preparedQuery("""
                        UPDATE account SET email = $2, email_verified_at = now(), updated_at = now(),
                               password_reset_required_at = CASE WHEN $3 THEN now() ELSE password_reset_required_at END
                         WHERE id = $1""")
                .execute(Tuple.of(id, email, passwordResetRequired)).replaceWithVoid()
                .onFailure(AccountRepository::isUniqueViolation).transform(failure -> new EmailTakenException());
    }

    public Uni<Void> updateGroups(UUID id, List<String> groups) {
        return pool.preparedQuery("UPDATE account SET groups = $2, updated_at = now() WHERE id = $1")
                .execute(Tuple.of(id, groups.toArray(String[]::new))).replaceWithVoid();
    }

    public Uni<Void> markEmailVerified(UUID id) {
        return pool.preparedQuery("UPDATE account SET email_verified_at = coalesce(email_verified_at, now()) WHERE id = $1")
                .execute(Tuple.of(id)).replaceWithVoid();
    }

    /** Locks ({@code locked}) or unlocks the account; false when there is no such account. */
    public Uni<Boolean> setLocked(UUID id, boolean locked) {
        return pool.preparedQuery("""
                        UPDATE account SET locked_at = CASE WHEN $2 THEN coalesce(locked_at, now()) END,
                               updated_at = now()
                         WHERE id = $1""")
                .execute(Tuple.of(id, locked)).map(rows -> rows.rowCount() > 0);
    }

    /** Deletes the account; its refresh families and devices go with it (ON DELETE CASCADE). */
    public Uni<Boolean> delete(UUID id) {
        return pool.preparedQuery("DELETE FROM account WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.rowCount() > 0);
    }

    private static boolean isUniqueViolation(Throwable failure) {
        return failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
    }

    private static Account toAccount(Row row) {
        return new Account(row.getUUID("id"), row.getString("email"), row.getString("password_hash"),
                Arrays.asList(row.getArrayOfStrings("groups")), row.getOffsetDateTime("locked_at") != null,
                row.getOffsetDateTime("email_verified_at") != null, row.getString("display_name"),
                row.getOffsetDateTime("password_reset_required_at") != null);
    }
}
