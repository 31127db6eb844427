package io.palisade.auth.recovery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.MailCatcher;
import io.palisade.auth.support.Session;
import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A reset request answers the same, in about the same time, for any email, and mails only an existing
 * account; the newest link's token resets once, ends every session and empties the login counters; any other
 * token is a 400 of one problem type.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
@QuarkusTestResource(MailCatcher.class)
class PasswordResetTest {

    private static final String TYPE = "urn:palisade:problem:invalid-reset-token";
    private static final String NEW_PASSWORD = "Harbour-Quartz-Lantern-77!";

    @Inject
    Pool pool;

    @Test
    void knownAndUnknownEmailsGetTheSameAnswerInAboutTheSameTime() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        MailCatcher.await(user.email(), 1, Duration.ofSeconds(10));
        String unknown = "nobody-" + UUID.randomUUID() + "@palisade.test";
        request(user.email());
        request(unknown);

        List<Long> known = new ArrayList<>();
        List<Long> stranger = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Response a = timed(user.email(), known);
            Response b = timed(unknown, stranger);
            a.then().statusCode(202);
            b.then().statusCode(202);
            assertThat(a.asString()).isEqualTo(b.asString());
        }
        Collections.sort(known);
        Collections.sort(stranger);
        long difference = Math.abs(known.get(10) - stranger.get(10));
        System.out.printf("[reset timing] median known %.1f ms, unknown %.1f ms%n", known.get(10) / 1e6, stranger.get(10) / 1e6);
        assertThat(Duration.ofNanos(difference)).isLessThan(Duration.ofMillis(50));

        // Within the hour an account gets at most 3 mails (its verification mail included), whatever the number
        // of requests; the stranger none.
        MailCatcher.await(user.email(), 3, Duration.ofSeconds(10));
        pause(Duration.ofSeconds(2));
        assertThat(MailCatcher.to(user.email())).hasSize(3);
        assertThat(MailCatcher.to(unknown)).isEmpty();
    }

    @Test
    void theNewestTokenResetsOnceAndEndsEverySession() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        MailCatcher.await(user.email(), 1, Duration.ofSeconds(10));
        Session session = Session.login(user, null);
        for (int i = 0; i < 5; i++) {
            AuthTestSupport.login(user.email(), "Wrong-" + user.password(), null);
        }
        AuthTestSupport.login(user.email(), user.password(), null).then().statusCode(429);

        request(user.email()).then().statusCode(202);
        String older = MailCatcher.token(MailCatcher.await(user.email(), 2, Duration.ofSeconds(10)));
        request(user.email()).then().statusCode(202);
        String newest = MailCatcher.token(MailCatcher.await(user.email(), 3, Duration.ofSeconds(10)));

        confirm(older, NEW_PASSWORD).then().statusCode(400).body("type", equalTo(TYPE));
        confirm("unknown-token-unknown-token-unknown-token", NEW_PASSWORD).then().statusCode(400).body("type", equalTo(TYPE));
        confirm(newest, "password1234").then().statusCode(400).body("type", equalTo("urn:palisade:problem:validation"));
        confirm(newest, NEW_PASSWORD).then().statusCode(204);
        confirm(newest, NEW_PASSWORD).then().statusCode(400).body("type", equalTo(TYPE));

        AuthTestSupport.refresh(session.refresh(), session.csrf()).then().statusCode(401);
        session.bearer().get("/api/auth/sessions").then().statusCode(401);
        AuthTestSupport.login(user.email(), user.password(), null).then().statusCode(401);
        AuthTestSupport.login(user.email(), NEW_PASSWORD, null).then().statusCode(200);
    }

    @Test
    void aLockedAccountGetsNoMail() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        MailCatcher.await(user.email(), 1, Duration.ofSeconds(10));
        given().auth().oauth2(TestTokens.admin(UUID.randomUUID()).sign())
                .post("/api/auth/admin/accounts/" + user.id() + "/lock").then().statusCode(204);

        request(user.email()).then().statusCode(202);

        pause(Duration.ofSeconds(3));
        assertThat(MailCatcher.to(user.email())).as("the verification mail only").hasSize(1);
    }

    @Test
    void anExpiredTokenIsRefusedLikeAnyOther() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        MailCatcher.await(user.email(), 1, Duration.ofSeconds(10));
        request(user.email());
        String token = MailCatcher.token(MailCatcher.await(user.email(), 2, Duration.ofSeconds(10)));
        pool.preparedQuery("UPDATE account_token SET expires_at = now() - interval '1 second' WHERE account_id = $1")
                .execute(Tuple.of(UUID.fromString(user.id()))).await().indefinitely();

        confirm(token, NEW_PASSWORD).then().statusCode(400).body("type", equalTo(TYPE));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Response timed(String email, List<Long> into) {
        long started = System.nanoTime();
        Response response = request(email);
        into.add(System.nanoTime() - started);
        return response;
    }

    private static Response request(String email) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email)).post("/api/auth/password-reset");
    }

    private static Response confirm(String token, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("token", token, "newPassword", password))
                .post("/api/auth/password-reset/confirm");
    }
}
