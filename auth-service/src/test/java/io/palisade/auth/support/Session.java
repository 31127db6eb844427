package io.palisade.auth.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** A logged-in session made through the real routes, and what the database holds about its refresh family. */
public record Session(String accountId, String refresh, String csrf, String accessToken) {

    public static Session login() {
        return login(AuthTestSupport.register(), null);
    }

    /** A new session of {@code user}, logged in with {@code userAgent} (null: an empty one). */
    public static Session login(AuthTestSupport.Credentials user, String userAgent) {
        var request = given().contentType(ContentType.JSON)
                .body(Map.of("email", user.email(), "password", user.password()));
        request.header("User-Agent", userAgent == null ? "" : userAgent);
        Response login = request.post("/api/auth/login");
        login.then().statusCode(200);
        return new Session(user.id(), login.getCookie("refresh_token"), login.path("csrfToken"),
                login.path("accessToken"));
    }

    /** The {@code sid} claim of this session's access token. */
    public String sid() {
        String payload = accessToken.split("\\.")[1];
        return new JsonObject(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)).getString("sid");
    }

    /** A request carrying this session's access token. */
    public RequestSpecification bearer() {
        return given().auth().oauth2(accessToken);
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
