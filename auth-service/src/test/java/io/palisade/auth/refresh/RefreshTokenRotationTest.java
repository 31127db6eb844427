package io.palisade.auth.refresh;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.UserServiceStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class RefreshTokenRotationTest {

    @Inject
    Pool pool;

    record Session(String id, String refresh, String csrf) {
    }

    private static Session login() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Response login = AuthTestSupport.login(user.email(), user.password(), null);
        return new Session(user.id(), login.getCookie("refresh_token"), login.path("csrfToken"));
    }

    @Test
    void shouldRotateOnEveryUseKeepingTheFamilysCsrfValue() {
        Session session = login();
        Response first = AuthTestSupport.refresh(session.refresh(), session.csrf());
        first.then().statusCode(200).body("csrfToken", equalTo(session.csrf())).body("tokenType", equalTo("Bearer"));
        String next = first.getCookie("refresh_token");
        assertThat(next).isNotEqualTo(session.refresh());
        AuthTestSupport.refresh(next, session.csrf()).then().statusCode(200);
    }

    @Test
    void shouldLetOtherTabsPresentThePredecessorWithinTheLeewayWithoutANewCookie() {
        Session session = login();
        String newest = AuthTestSupport.refresh(session.refresh(), session.csrf()).getCookie("refresh_token");
        for (int tab = 0; tab < 3; tab++) {
            Response again = AuthTestSupport.refresh(session.refresh(), session.csrf());
            again.then().statusCode(200).body("csrfToken", equalTo(session.csrf()));
            assertThat(again.getHeader("Set-Cookie")).isNull();
        }
        AuthTestSupport.refresh(newest, session.csrf()).then().statusCode(200);
    }

    @Test
    void reusingAGrandparentTokenRevokesTheWholeFamily() {
        Session session = login();
        String second = AuthTestSupport.refresh(session.refresh(), session.csrf()).getCookie("refresh_token");
        String third = AuthTestSupport.refresh(second, session.csrf()).getCookie("refresh_token");

        AuthTestSupport.refresh(session.refresh(), session.csrf()).then().statusCode(401)
                .contentType("application/problem+json");

        AuthTestSupport.refresh(third, session.csrf()).then().statusCode(401);
        assertThat(revokedFamilies(session.id())).isEqualTo(1);
    }

    @Test
    void reusingThePredecessorAfterTheLeewayIsReuse() {
        Session session = login();
        String newest = AuthTestSupport.refresh(session.refresh(), session.csrf()).getCookie("refresh_token");
        pool.preparedQuery("UPDATE refresh_family SET rotated_at = now() - interval '6 seconds' WHERE account_id = $1")
                .execute(Tuple.of(UUID.fromString(session.id()))).await().indefinitely();

        AuthTestSupport.refresh(session.refresh(), session.csrf()).then().statusCode(401);
        AuthTestSupport.refresh(newest, session.csrf()).then().statusCode(401);
    }

    @Test
    void sixConcurrentRefreshesOfOneFreshTokenRotateItExactlyOnce() throws Exception {
        Session session = login();
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Response>> uses = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                uses.add(() -> AuthTestSupport.refresh(session.refresh(), session.csrf()));
            }
            List<Response> answers = new ArrayList<>();
            for (Future<Response> answer : threads.invokeAll(uses)) {
                answers.add(answer.get());
            }
            assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(200));
            assertThat(answers.stream().filter(a -> a.getCookie("refresh_token") != null)).hasSize(1);
            assertThat(tokensIssued(session.id())).isEqualTo(2);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aMissingOrWrongCsrfHeaderIsRefusedAndChangesNothing() {
        Session session = login();
        AuthTestSupport.refresh(session.refresh(), null).then().statusCode(403).contentType("application/problem+json");
        AuthTestSupport.refresh(session.refresh(), session.csrf() + "x").then().statusCode(403);
        given().cookie("refresh_token", session.refresh()).post("/api/auth/logout").then().statusCode(403);
        assertThat(tokensIssued(session.id())).isEqualTo(1);
        assertThat(revokedFamilies(session.id())).isZero();

        AuthTestSupport.refresh(session.refresh(), session.csrf()).then().statusCode(200);
    }

    @Test
    void anotherFamilysCsrfValueIsNoGood() {
        Session mine = login();
        Session theirs = login();
        AuthTestSupport.refresh(mine.refresh(), theirs.csrf()).then().statusCode(403);
    }

    @Test
    void csrfRouteReturnsTheFamilysValueForALiveRefreshToken() {
        Session session = login();
        given().cookie("refresh_token", session.refresh()).get("/api/auth/csrf").then().statusCode(200)
                .body("csrfToken", equalTo(session.csrf()));
        given().get("/api/auth/csrf").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void logoutRevokesTheFamilyAndClearsTheSessionCookies() {
        Session session = login();
        Response logout = given().cookie("refresh_token", session.refresh()).header("X-CSRF-Token", session.csrf())
                .post("/api/auth/logout");
        logout.then().statusCode(204);
        assertThat(logout.getHeaders().getValues("Set-Cookie")).containsExactlyInAnyOrder(
                "refresh_token=; Path=/api/auth; Max-Age=0; Secure; HttpOnly; SameSite=Strict",
                "csrf_token=; Path=/; Max-Age=0; Secure; SameSite=Strict");
        AuthTestSupport.refresh(session.refresh(), session.csrf()).then().statusCode(401);
        given().cookie("refresh_token", session.refresh()).get("/api/auth/csrf").then().statusCode(401);
    }

    @Test
    void anExpiredFamilyIsRefused() {
        Session session = login();
        pool.preparedQuery("UPDATE refresh_family SET expires_at = now() - interval '1 second' WHERE account_id = $1")
                .execute(Tuple.of(UUID.fromString(session.id()))).await().indefinitely();
        AuthTestSupport.refresh(session.refresh(), session.csrf()).then().statusCode(401);
    }

    private long tokensIssued(String accountId) {
        return pool.preparedQuery("SELECT count(*) FROM refresh_token t JOIN refresh_family f ON f.id = t.family_id "
                        + "WHERE f.account_id = $1")
                .execute(Tuple.of(UUID.fromString(accountId))).await().indefinitely().iterator().next().getLong(0);
    }

    private long revokedFamilies(String accountId) {
        return pool.preparedQuery("SELECT count(*) FROM refresh_family WHERE account_id = $1 AND revoked_at IS NOT NULL")
                .execute(Tuple.of(UUID.fromString(accountId))).await().indefinitely().iterator().next().getLong(0);
    }
}
