package io.palisade.auth.session;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Refresh-token families and the hashes of every token they issued. */
@ApplicationScoped
class RefreshTokenRepository {

    /** A family as seen through one of its tokens. */
    public record FamilyView(UUID familyId, UUID accountId, boolean isCurrent, boolean isPreviousWithinLeeway,
            boolean alive, boolean expired, List<String> amr) {
    }


    private final Pool pool;
    private final double absoluteSeconds;

    RefreshTokenRepository(Pool pool, RefreshConfig config) {
        this.pool = pool;
        this.absoluteSeconds = config.session().absoluteLifetime().toSeconds();
    }

    /** A live family as its owner sees it in the session list. */
    public record LiveFamily(UUID id, OffsetDateTime createdAt, OffsetDateTime lastUsedAt, OffsetDateTime expiresAt,
            String userAgent, String ipPrefix) {
    }

    /**
     * Starts a family that lives {@code ttl} (the earlier of its idle timeout and absolute lifetime); returns when it
     * ends, by the database's clock, as a rotation does.
     */
    public Uni<Instant> createFamily(UUID familyId, UUID accountId, byte[] tokenHash, Duration ttl,
            ClientOfSession client, List<String> amr, String throttleCounter) {
        return pool.withTransaction(conn -> conn.preparedQuery("""
                        INSERT INTO refresh_family (id, account_id, current_hash, expires_at, user_agent, ip_prefix, amr,
                                                    throttle_counter)
                        VALUES ($1, $2, $3, now() + make_interval(secs => $4), $5, $6, $7, $8)
                     RETURNING expires_at""")
                .execute(Tuple.tuple().addUUID(familyId).addUUID(accountId).addValue(bytea(tokenHash))
                        .addDouble((double) ttl.toSeconds()).addString(client.userAgent()).addString(client.ipPrefix())
                        .addArrayOfString(amr.toArray(String[]::new)).addString(throttleCounter))
                .chain(rows -> remember(conn, tokenHash, familyId)
                        .replaceWith(rows.iterator().next().getOffsetDateTime("expires_at").toInstant())));
    }

    /** The login-throttle counter of the device that signed in to {@code familyId}; null when it has none. */
    public Uni<String> throttleCounterOf(UUID familyId) {
        return pool.preparedQuery("SELECT throttle_counter FROM refresh_family WHERE id = $1")
                .execute(Tuple.of(familyId))
                .map(rows -> rows.rowCount() == 0 ? null : rows.iterator().next().getString("throttle_counter"));
    }

    /** The account's live families, most recently used first. */
    public Uni<List<LiveFamily>> liveFamilies(UUID accountId) {
        return pool.preparedQuery("""
                        SELECT id, created_at, last_used_at, %1$s AS ends_at, user_agent, ip_prefix FROM refresh_family
                         WHERE account_id = $1 AND revoked_at IS NULL AND %1$s > now()
                         ORDER BY last_used_at DESC, created_at DESC""".formatted(end("", "$2")))
                .execute(Tuple.of(accountId, absoluteSeconds)).map(rows -> {
                    List<LiveFamily> families = new ArrayList<>();
                    for (Row row : rows) {
                        families.add(new LiveFamily(row.getUUID("id"), row.getOffsetDateTime("created_at"),
                                row.getOffsetDateTime("last_used_at"), row.getOffsetDateTime("ends_at"),
                                row.getString("user_agent"),
                                row.getString("ip_prefix")));
                    }
                    return families;
                });
    }

    /**
     * The one conditional UPDATE that tells a fresh token from everything else: it succeeds only while
     * {@code presented} is the family's newest token, so of concurrent uses exactly one rotates. The family then
     * lives {@code idle} more, but never past its absolute lifetime.
     *
     * @return the family and account when this call rotated it; null otherwise
     */
    public Uni<RotatedFamily> rotate(byte[] presented, byte[] next, Duration idle, String ipPrefix) {
        return pool.withTransaction(conn -> conn.preparedQuery("""
                        UPDATE refresh_family
                           SET previous_hash = current_hash, current_hash = $2, rotated_at = now(),
                               expires_at = least(now() + make_interval(secs => $3),
                                                  created_at + make_interval(secs => $5)),
                               last_used_at = now(), ip_prefix = coalesce($4, ip_prefix)
                         WHERE current_hash = $1 AND revoked_at IS NULL AND %s > now()
                     RETURNING id, account_id, amr, expires_at""".formatted(end("", "$5")))
                .execute(Tuple.tuple().addValue(bytea(presented)).addValue(bytea(next)).addDouble((double) idle.toSeconds())
                        .addString(ipPrefix).addDouble(absoluteSeconds))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().nullItem();
                    }
                    Row row = rows.iterator().next();
                    RotatedFamily rotated = new RotatedFamily(row.getUUID("id"), row.getUUID("account_id"),
                            Arrays.asList(row.getArrayOfStrings("amr")), row.getOffsetDateTime("expires_at").toInstant());
                    return remember(conn, next, rotated.familyId()).replaceWith(rotated);
                }));
    }

    /** The family a rotation moved on, its account, and when it now ends. */
    public record RotatedFamily(UUID familyId, UUID accountId, List<String> amr, Instant expiresAt) {
    }

    /** The family that issued {@code tokenHash}, and where that token stands in it; null for a stranger. */
    public Uni<FamilyView> view(byte[] tokenHash, Duration leeway) {
        return pool.preparedQuery("""
                        SELECT f.id, f.account_id,
                               f.current_hash = $1 AS is_current,
                               (f.previous_hash = $1 AND f.rotated_at > now() - make_interval(secs => $2))
                                   AS previous_within_leeway,
                               (f.revoked_at IS NULL AND %1$s > now()) AS alive,
                               (f.revoked_at IS NULL AND %1$s <= now()) AS expired, f.amr
                          FROM refresh_token t JOIN refresh_family f ON f.id = t.family_id
                         WHERE t.hash = $1""".formatted(end("f.", "$3")))
                .execute(Tuple.of(bytea(tokenHash), leeway.toMillis() / 1000.0, absoluteSeconds))
                .map(RefreshTokenRepository::firstView);
    }

    /** Deletes families that expired or were revoked more than {@code keep} ago; returns how many. */
    public Uni<Integer> purge(Duration keep) {
        return pool.preparedQuery("""
                        DELETE FROM refresh_family
                         WHERE expires_at < now() - make_interval(secs => $1)
                            OR revoked_at < now() - make_interval(secs => $1)""")
                .execute(Tuple.of((double) keep.toSeconds())).map(RowSet::rowCount);
    }

    /**
     * Where a family's life ends, in SQL: its idle expiry, and never later than the absolute lifetime (the seconds
     * in {@code parameter}) after its login, even for a family made while that lifetime was configured longer.
     */
    private static String end(String alias, String parameter) {
        return "least(%1$sexpires_at, %1$screated_at + make_interval(secs => %2$s))".formatted(alias, parameter);
    }

    private static Uni<Void> remember(SqlConnection conn, byte[] tokenHash, UUID familyId) {
        return conn.preparedQuery("INSERT INTO refresh_token (hash, family_id) VALUES ($1, $2)")
                .execute(Tuple.of(bytea(tokenHash), familyId)).replaceWithVoid();
    }

    static Buffer bytea(byte[] bytes) {
        return Buffer.buffer(bytes);
    }

    private static FamilyView firstView(RowSet<Row> rows) {
        if (!rows.iterator().hasNext()) {
            return null;
        }
        Row row = rows.iterator().next();
        return new FamilyView(row.getUUID("id"), row.getUUID("account_id"), row.getBoolean("is_current"),
                Boolean.TRUE.equals(row.getBoolean("previous_within_leeway")), row.getBoolean("alive"),
                row.getBoolean("expired"), Arrays.asList(row.getArrayOfStrings("amr")));
    }
}
