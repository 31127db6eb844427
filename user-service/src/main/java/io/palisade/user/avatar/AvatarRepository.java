package io.palisade.user.avatar;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
class AvatarRepository {

    /** A stored, already re-encoded avatar. */
    public record StoredAvatar(String contentType, byte[] data) {
    }

    private final Pool pool;

    AvatarRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores the avatar of an existing profile; false when there is no such profile. */
    public Uni<Boolean> store(UUID profileId, String contentType, byte[] data) {
        return pool.preparedQuery("""
                        INSERT INTO avatar (profile_id, content_type, data)
                        SELECT id, $2, $3 FROM profile WHERE id = $1
                        ON CONFLICT (profile_id) DO UPDATE SET content_type = EXCLUDED.content_type,
                               data = EXCLUDED.data, updated_at = now()""")
                .execute(Tuple.of(profileId, contentType, Buffer.buffer(data)))
                .map(rows -> rows.rowCount() > 0);
    }

    public Uni<StoredAvatar> find(UUID profileId) {
        return pool.preparedQuery("SELECT content_type, data FROM avatar WHERE profile_id = $1")
                .execute(Tuple.of(profileId))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new StoredAvatar(row.getString("content_type"), row.getBuffer("data").getBytes());
                });
    }
}
