package io.palisade.auth.support;

import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.UUID;

/** A logged-in session made through the real routes, and what the database holds about its refresh family. */
public record Session(String accountId, String refresh, String csrf, String accessToken) {

    public static Session login() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Response login = AuthTestSupport.login(user.email(), user.password(), null);
        return new Session(user.id(), login.getCookie("refresh_token"), login.path("csrfToken"),
                login.path("accessToken"));
    }

    public long tokensIssued(Pool pool) {
        return count(pool, "SELECT count(*) FROM refresh_token t JOIN refresh_family f ON f.id = t.family_id "
                + "WHERE f.account_id = $1");
    }

    public long revokedFamilies(Pool pool) {
        return count(pool, "SELECT count(*) FROM refresh_family WHERE account_id = $1 AND revoked_at IS NOT NULL");
    }

    /** Runs an UPDATE of this account's families, e.g. to move its clock back. */
    public void updateFamilies(Pool pool, String set) {
        pool.preparedQuery("UPDATE refresh_family SET " + set + " WHERE account_id = $1")
                .execute(Tuple.of(UUID.fromString(accountId))).await().indefinitely();
    }

    private long count(Pool pool, String sql) {
        return pool.preparedQuery(sql).execute(Tuple.of(UUID.fromString(accountId))).await().indefinitely()
                .iterator().next().getLong(0);
    }
}
