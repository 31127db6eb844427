package io.palisade.auth.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.UserServiceStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The hourly purge removes families a day past expiry or revocation, with their tokens, and nothing else. */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class FamilyPurgeTest {

    @Inject
    Pool pool;

    @Inject
    FamilyPurge purge;

    @Test
    void shouldPurgeOnlyFamiliesADayPastTheirEnd() {
        UUID expiredLongAgo = sessionFor("expires_at = now() - interval '25 hours'");
        UUID revokedLongAgo = sessionFor("revoked_at = now() - interval '25 hours'");
        UUID expiredRecently = sessionFor("expires_at = now() - interval '1 hour'");
        UUID revokedRecently = sessionFor("revoked_at = now() - interval '1 hour'");
        UUID live = sessionFor(null);

        purge.purge().await().indefinitely();

        assertThat(families(expiredLongAgo)).isZero();
        assertThat(families(revokedLongAgo)).isZero();
        assertThat(tokens(expiredLongAgo) + tokens(revokedLongAgo)).as("tokens go with their family").isZero();
        assertThat(families(expiredRecently)).isOne();
        assertThat(families(revokedRecently)).isOne();
        assertThat(families(live)).isOne();
        assertThat(tokens(live)).isOne();
    }

    /** An account with one login, whose family is then aged by {@code change} (a SET clause), if any. */
    private UUID sessionFor(String change) {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        AuthTestSupport.login(user.email(), user.password(), null).then().statusCode(200);
        UUID account = UUID.fromString(user.id());
        if (change != null) {
            pool.preparedQuery("UPDATE refresh_family SET " + change + " WHERE account_id = $1")
                    .execute(Tuple.of(account)).await().indefinitely();
        }
        return account;
    }

    private long families(UUID account) {
        return count("SELECT count(*) FROM refresh_family WHERE account_id = $1", account);
    }

    private long tokens(UUID account) {
        return count("SELECT count(*) FROM refresh_token t JOIN refresh_family f ON f.id = t.family_id "
                + "WHERE f.account_id = $1", account);
    }

    private long count(String sql, UUID account) {
        return pool.preparedQuery(sql).execute(Tuple.of(account)).await().indefinitely().iterator().next().getLong(0);
    }
}
