package io.palisade.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.UserServiceStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The hourly purge removes families a day past expiry or revocation, with their tokens, and nothing else. */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class FamilyPurgeTest {

    private static final String EXPIRED =
            "UPDATE refresh_family SET expires_at = now() - make_interval(hours => $2) WHERE id = $1";
    private static final String REVOKED =
            "UPDATE refresh_family SET revoked_at = now() - make_interval(hours => $2) WHERE id = $1";

    @Inject
    Pool pool;

    @Inject
    FamilyPurge purge;

    @Test
    void purgesOnlyFamiliesADayPastTheirEnd() {
        UUID expiredLongAgo = family(EXPIRED, 25);
        UUID revokedLongAgo = family(REVOKED, 25);
        UUID expiredRecently = family(EXPIRED, 1);
        UUID revokedRecently = family(REVOKED, 1);
        UUID live = family(null, 0);

        purge.purge().await().indefinitely();

        assertThat(count("SELECT count(*) FROM refresh_family WHERE id = $1", expiredLongAgo)).isZero();
        assertThat(count("SELECT count(*) FROM refresh_family WHERE id = $1", revokedLongAgo)).isZero();
        assertThat(tokens(expiredLongAgo) + tokens(revokedLongAgo)).as("tokens go with their family").isZero();
        for (UUID kept : new UUID[] {expiredRecently, revokedRecently, live}) {
            assertThat(count("SELECT count(*) FROM refresh_family WHERE id = $1", kept)).isOne();
            assertThat(tokens(kept)).isOne();
        }
    }

    /** The family of a new account's first login, its end moved {@code hoursAgo} into the past by {@code update}. */
    private UUID family(String update, int hoursAgo) {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        AuthTestSupport.login(user.email(), user.password(), null).then().statusCode(200);
        Row row = pool.preparedQuery("SELECT id FROM refresh_family WHERE account_id = $1")
                .execute(Tuple.of(UUID.fromString(user.id()))).await().indefinitely().iterator().next();
        UUID family = row.getUUID("id");
        if (update != null) {
            pool.preparedQuery(update).execute(Tuple.of(family, hoursAgo)).await().indefinitely();
        }
        return family;
    }

    /** Counted by family id, not through the family row, so tokens left behind by a purge would show. */
    private long tokens(UUID family) {
        return count("SELECT count(*) FROM refresh_token WHERE family_id = $1", family);
    }

    private long count(String sql, UUID id) {
        return pool.preparedQuery(sql).execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong(0);
    }
}
