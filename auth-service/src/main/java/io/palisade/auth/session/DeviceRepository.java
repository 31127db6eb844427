package io.palisade.auth.session;

import io.palisade.auth.secret.OpaqueTokens;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Device tokens: opaque values bound to one account, stored as hashes, kept across logouts. */
@ApplicationScoped
class DeviceRepository {

    private final Pool pool;

    DeviceRepository(Pool pool) {
        this.pool = pool;
    }

    /** Whether {@code deviceToken} is a device of {@code accountId}. */
    public Uni<Boolean> belongsTo(String deviceToken, UUID accountId) {
        if (accountId == null || !OpaqueTokens.isWellFormed(deviceToken)) {
            return Uni.createFrom().item(false);
        }
        return pool.preparedQuery("SELECT 1 FROM device WHERE hash = $1 AND account_id = $2")
                .execute(Tuple.of(Buffer.buffer(OpaqueTokens.hash(deviceToken)), accountId))
                .map(rows -> rows.rowCount() > 0);
    }

    /** A device just registered: its token, and whether the account had signed in from another before. */
    public record NewDevice(String token, boolean accountHadOthers) {
        @Override
        public String toString() {
            return "NewDevice[" + accountHadOthers + "]";
        }
    }

    /** Registers a new device of {@code accountId}. */
    public Uni<NewDevice> register(UUID accountId) {
        String token = OpaqueTokens.generate();
        // RETURNING's subquery reads the table as it was before this INSERT.
        return pool.preparedQuery("""
                        INSERT INTO device (hash, account_id) VALUES ($1, $2)
                     RETURNING EXISTS (SELECT 1 FROM device WHERE account_id = $2) AS had_others""")
                .execute(Tuple.of(Buffer.buffer(OpaqueTokens.hash(token)), accountId))
                .map(rows -> new NewDevice(token, rows.iterator().next().getBoolean("had_others")));
    }
}
