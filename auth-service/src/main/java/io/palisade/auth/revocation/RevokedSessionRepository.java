package io.palisade.auth.revocation;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Ends refresh families and records, in the same statement, each one as a revoked session until its last
 * access token has expired. Every query is scoped by the caller's choice of families, so "someone else's
 * session" is simply a family no row matches.
 */
@ApplicationScoped
class RevokedSessionRepository {

    /** A session just revoked, or still refused: its id, its account, and until when (epoch ms). */
    public record RevokedSession(UUID sid, UUID accountId, long expiresAtMillis) {
    }

    private static final String REVOKE = """
            WITH revoked AS (
                UPDATE refresh_family SET revoked_at = now()
                 WHERE %s AND revoked_at IS NULL
             RETURNING id, account_id)
            INSERT INTO revoked_session (sid, account_id, expires_at)
            SELECT id, account_id, now() + make_interval(secs => $1) FROM revoked
            ON CONFLICT (sid) DO UPDATE SET expires_at = excluded.expires_at
            RETURNING sid, account_id, (extract(epoch FROM expires_at) * 1000)::bigint AS expires_ms""";

    private final Pool pool;

    RevokedSessionRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<RevokedSession>> revokeFamily(UUID familyId, Duration refusedFor) {
        return revoke("id = $2", Tuple.of(seconds(refusedFor), familyId));
    }

    public Uni<List<RevokedSession>> revokeAccountsFamily(UUID accountId, UUID familyId, Duration refusedFor) {
        return revoke("id = $2 AND account_id = $3", Tuple.of(seconds(refusedFor), familyId, accountId));
    }

    /** Every live family of the account but {@code keep} (null keeps none). */
    public Uni<List<RevokedSession>> revokeAccount(UUID accountId, UUID keep, Duration refusedFor) {
        return revoke("account_id = $2 AND id IS DISTINCT FROM $3", Tuple.of(seconds(refusedFor), accountId, keep));
    }

    /**
     * Every session still to be refused, the newest revocations first: after an outage, those made during it
     * (the ones no verifier has heard of) go out before the thousands every verifier already knows.
     */
    public Uni<List<RevokedSession>> stillRefused() {
        return pool.query("""
                        SELECT sid, account_id, (extract(epoch FROM expires_at) * 1000)::bigint AS expires_ms
                          FROM revoked_session WHERE expires_at > now() ORDER BY expires_at DESC""")
                .execute().map(RevokedSessionRepository::sessions);
    }

    public Uni<Integer> purgeExpired() {
        return pool.query("DELETE FROM revoked_session WHERE expires_at <= now()").execute().map(RowSet::rowCount);
    }

    private Uni<List<RevokedSession>> revoke(String condition, Tuple arguments) {
        return pool.preparedQuery(REVOKE.formatted(condition)).execute(arguments).map(RevokedSessionRepository::sessions);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static List<RevokedSession> sessions(RowSet<Row> rows) {
        List<RevokedSession> sessions = new ArrayList<>();
        for (Row row : rows) {
            sessions.add(new RevokedSession(row.getUUID("sid"), row.getUUID("account_id"), row.getLong("expires_ms")));
        }
        return sessions;
    }
}
