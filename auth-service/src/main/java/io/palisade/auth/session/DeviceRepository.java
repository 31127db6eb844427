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

    /** Registers a new device of {@code accountId}; returns its token. */
    public Uni<String> register(UUID accountId) {
        String token = OpaqueTokens.generate();
        return pool.preparedQuery("INSERT INTO device (hash, account_id) VALUES ($1, $2)")
                .execute(Tuple.of(Buffer.buffer(OpaqueTokens.hash(token)), accountId))
                .replaceWith(token);
    }
}
