package io.palisade.auth.mail;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.MailCatcher;
import io.palisade.auth.support.Session;
import io.palisade.auth.support.Totps;
import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.testing.Concurrently;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The owner always hears of a change that could hand the account to someone else, at the address they verified:
 * a password changed or reset, a second factor switched on or off, a sign-in from a new device. No notice carries
 * a secret, none counts against the hourly cap of link mails, and an unverified address hears nothing.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
@QuarkusTestResource(MailCatcher.class)
class NoticesTest {

    private static final Duration BOUND = Duration.ofSeconds(15);

    @Inject
    Pool pool;

    @Test
    void aPasswordChangeIsToldWithoutTheNewPassword() {
        AuthTestSupport.Credentials user = verified(AuthTestSupport.register());
        Session session = Session.login(user, "Firefox");
        String newPassword = "Sextant-" + UUID.randomUUID() + "-Lantern";
        session.bearer().contentType(ContentType.JSON)
                .body(Map.of("currentPassword", user.password(), "newPassword", newPassword))
                .post("/api/auth/password").then().statusCode(204);

        MimeMessage notice = MailCatcher.awaitSubject(user.email(), "Your password was changed", BOUND);
        for (String type : List.of("text/plain", "text/html")) {
            assertThat(MailCatcher.part(notice, type)).contains("Tester").doesNotContain(newPassword)
                    .doesNotContain(user.password()).doesNotContain("#token=");
        }
    }

    @Test
    void aSecondFactorSwitchedOnAndOffIsToldBothTimes() {
        AuthTestSupport.Credentials user = verified(AuthTestSupport.register());
        Session session = Session.login(user, null);
        Totps.Enrolled factor = Totps.enrol(session, user.password());
        MailCatcher.awaitSubject(user.email(), "Two-step sign-in is on", BOUND);

        // The confirmation spent this step's code: the next step's is still accepted (one step of skew).
        String code = Totps.code(factor.secret(), 1);
        session.bearer().contentType(ContentType.JSON).body(Map.of("password", user.password(), "code", code))
                .delete("/api/auth/mfa/totp").then().statusCode(204);
        MimeMessage off = MailCatcher.awaitSubject(user.email(), "Two-step sign-in was turned off", BOUND);
        assertThat(MailCatcher.part(off, "text/plain")).doesNotContain(code);
    }

    @Test
    void aSignInFromANewDeviceIsToldOnceAnHourAndTheFirstLoginNever() {
        AuthTestSupport.Credentials user = verified(AuthTestSupport.register());
        Response first = AuthTestSupport.login(user.email(), user.password(), null);
        first.then().statusCode(200);
        assertThat(notices(user, MailKind.NEW_SIGN_IN)).as("the account's first login").isZero();
        // The owner's own browser, known from its device cookie: no news.
        AuthTestSupport.login(user.email(), user.password(), first.getCookie("device_token")).then().statusCode(200);
        assertThat(notices(user, MailKind.NEW_SIGN_IN)).isZero();

        // Eight new devices at once: one notice for the burst, whichever request runs first.
        List<Integer> statuses = Concurrently.run(8, i -> given().contentType(ContentType.JSON)
                .header("User-Agent", "Strange Browser " + i)
                .body(Map.of("email", user.email(), "password", user.password())).post("/api/auth/login").statusCode());
        assertThat(statuses).contains(200);
        assertThat(notices(user, MailKind.NEW_SIGN_IN)).isEqualTo(1);

        MimeMessage notice = MailCatcher.awaitSubject(user.email(), "New sign-in to your account", BOUND);
        String text = MailCatcher.part(notice, "text/plain");
        assertThat(text).containsPattern("Strange Browser \\d").contains("127.0.0.0/24").contains("UTC");
    }

    @Test
    void aNoticeEscapesTheNameInItsHtmlPart() {
        AuthTestSupport.Credentials user = verified(AuthTestSupport.register("<img src=x onerror=alert(1)>"));
        Session.login(user, null);
        AuthTestSupport.login(user.email(), user.password(), null).then().statusCode(200);

        MimeMessage notice = MailCatcher.awaitSubject(user.email(), "New sign-in to your account", BOUND);
        assertThat(MailCatcher.part(notice, "text/html")).contains("&lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain("<img");
    }

    @Test
    void anUnverifiedAddressHearsNothing() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Session session = Session.login(user, null);
        AuthTestSupport.login(user.email(), user.password(), null).then().statusCode(200);
        session.bearer().contentType(ContentType.JSON)
                .body(Map.of("currentPassword", user.password(), "newPassword", "Sextant-" + UUID.randomUUID()))
                .post("/api/auth/password").then().statusCode(204);

        assertThat(notices(user, MailKind.NEW_SIGN_IN) + notices(user, MailKind.PASSWORD_CHANGED)).isZero();
    }

    @Test
    void noticesDoNotCountAgainstTheHourlyCapOfLinkMails() {
        AuthTestSupport.Credentials user = verified(AuthTestSupport.register());
        Session session = Session.login(user, null);
        AuthTestSupport.login(user.email(), user.password(), null).then().statusCode(200);
        session.bearer().contentType(ContentType.JSON)
                .body(Map.of("currentPassword", user.password(), "newPassword", "Sextant-" + UUID.randomUUID()))
                .post("/api/auth/password").then().statusCode(204);
        assertThat(notices(user, MailKind.NEW_SIGN_IN) + notices(user, MailKind.PASSWORD_CHANGED)).isEqualTo(2);

        // The cap is 3 an hour and registration sent one: two resets still go, the third does not.
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).body(Map.of("email", user.email())).post("/api/auth/password-reset")
                    .then().statusCode(202);
        }
        assertThat(notices(user, MailKind.RESET_PASSWORD)).isEqualTo(2);
    }

    private AuthTestSupport.Credentials verified(AuthTestSupport.Credentials user) {
        pool.preparedQuery("UPDATE account SET email_verified_at = now() WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(user.id()))).await().indefinitely();
        return user;
    }

    private long notices(AuthTestSupport.Credentials user, MailKind kind) {
        return pool.preparedQuery("SELECT count(*) AS n FROM mail_outbox WHERE account_id = $1 AND template = $2")
                .execute(Tuple.of(UUID.fromString(user.id()), kind.tag())).await().indefinitely()
                .iterator().next().getLong("n");
    }
}
