package io.palisade.user.profile;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Profiles in user-service's own database. Every statement binds its parameters. */
@ApplicationScoped
class ProfileRepository {

    private static final String COLUMNS = """
            p.id, p.email, p.display_name, p.bio, p.created_at, p.updated_at,
            EXISTS (SELECT 1 FROM avatar a WHERE a.profile_id = p.id) AS has_avatar""";

    private final Pool pool;

    ProfileRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Profile> find(UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM profile p WHERE p.id = $1").execute(Tuple.of(id))
                .map(ProfileRepository::first);
    }

    /** Creates the profile, or brings an existing one's email and display name in line: idempotent. */
    public Uni<Void> upsert(UUID id, String email, String displayName) {
        return pool.preparedQuery("""
                        INSERT INTO profile (id, email, display_name) VALUES ($1, $2, $3)
                        ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, display_name = EXCLUDED.display_name,
                               updated_at = now()
                         WHERE profile.email <> EXCLUDED.email OR profile.display_name <> EXCLUDED.display_name""")
                .execute(Tuple.of(id, email, displayName)).replaceWithVoid();
    }

    /** Sets the profile's email (auth-service confirmed the address); false when there is no such profile. */
    public Uni<Boolean> updateEmail(UUID id, String email) {
        return pool.preparedQuery("UPDATE profile SET email = $2, updated_at = now() WHERE id = $1")
                .execute(Tuple.of(id, email)).map(rows -> rows.rowCount() > 0);
    }

    /** Applies a validated patch; null when the profile does not exist. */
    public Uni<Profile> update(UUID id, ProfilePatch patch) {
        return pool.preparedQuery("""
                        UPDATE profile
                           SET display_name = CASE WHEN $2 THEN $3 ELSE display_name END,
                               bio = CASE WHEN $4 THEN $5 ELSE bio END,
                               updated_at = now()
                         WHERE id = $1""")
                .execute(Tuple.tuple().addUUID(id).addBoolean(patch.displayName() != null)
                        .addString(patch.displayName()).addBoolean(patch.bioSet()).addString(patch.bio()))
                .chain(() -> find(id));
    }

    public Uni<Boolean> delete(UUID id) {
        return pool.preparedQuery("DELETE FROM profile WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.rowCount() > 0);
    }

    /** One page, ordered by creation time then id, so pages never overlap or skip. */
    public Uni<List<Profile>> page(int page, int size) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM profile p ORDER BY p.created_at, p.id LIMIT $1 OFFSET $2")
                .execute(Tuple.of(size, (long) page * size))
                .map(rows -> {
                    List<Profile> profiles = new ArrayList<>();
                    rows.forEach(row -> profiles.add(toProfile(row)));
                    return profiles;
                });
    }

    public Uni<Long> count() {
        return pool.query("SELECT count(*) FROM profile").execute().map(rows -> rows.iterator().next().getLong(0));
    }

    private static Profile first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? toProfile(rows.iterator().next()) : null;
    }

    private static Profile toProfile(Row row) {
        UUID id = row.getUUID("id");
        return new Profile(id, row.getString("email"), row.getString("display_name"), row.getString("bio"),
                row.getBoolean("has_avatar") ? Profile.avatarUrl(id) : null,
                row.getOffsetDateTime("created_at").withOffsetSameInstant(ZoneOffset.UTC).toInstant(),
                row.getOffsetDateTime("updated_at").withOffsetSameInstant(ZoneOffset.UTC).toInstant());
    }
}
