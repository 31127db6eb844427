package io.palisade.auth.emailchange;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Which address each email-change token moves the account from and to; the token itself is mail's. */
@ApplicationScoped
class EmailChangeRepository {

    /** A change a token stands for; {@code session} is the session that asked for it (null for a revert). */
    record Change(String fromEmail, String toEmail, UUID session) {
        @Override
        public String toString() {
            return "Change[...]";
        }
    }

    Uni<Void> record(SqlConnection conn, byte[] tokenHash, Change change) {
        return conn.preparedQuery("""
                        INSERT INTO email_change (token_hash, from_email, to_email, session_id) VALUES ($1, $2, $3, $4)""")
                .execute(Tuple.of(Buffer.buffer(tokenHash), change.fromEmail(), change.toEmail(), change.session()))
                .replaceWithVoid();
    }

    /** The change of a token just spent in {@code conn}'s transaction. */
    Uni<Change> of(SqlConnection conn, byte[] tokenHash) {
        return conn.preparedQuery("SELECT from_email, to_email, session_id FROM email_change WHERE token_hash = $1")
                .execute(Tuple.of(Buffer.buffer(tokenHash)))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    var row = rows.iterator().next();
                    return new Change(row.getString("from_email"), row.getString("to_email"), row.getUUID("session_id"));
                });
    }
}
