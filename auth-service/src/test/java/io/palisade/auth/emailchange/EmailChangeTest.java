package io.palisade.auth.emailchange;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.MailCatcher;
import io.palisade.auth.support.Session;
import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.testing.CapturedLog;
import io.palisade.common.testing.Concurrently;
import io.palisade.common.testing.Eventually;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * An email change from the attacker's side: a stolen access token alone cannot ask for one, the answer does not
 * tell which addresses exist, links are single use and only the newest confirmation works, and whatever an
 * attacker who knew the password did, the old mailbox can undo it, ending every session and requiring a reset.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
@QuarkusTestResource(MailCatcher.class)
class EmailChangeTest {

    private static final Duration BOUND = Duration.ofSeconds(15);

    @Inject
    Pool pool;

    @Test
    void aStolenAccessTokenAloneCannotAskAndWrongPasswordsCountLikeLogins() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Session thief = Session.login(user, null);
        String target = newAddress();
        ask(thief, Map.of("newEmail", target)).then().statusCode(403);
        for (int i = 0; i < 4; i++) {
            ask(thief, Map.of("newEmail", target, "currentPassword", "Guess-" + i + "-Lantern-Quay")).then().statusCode(403);
        }
        // Five wrong guesses fill the session's counter: the right password now gets 429 too.
        ask(thief, Map.of("newEmail", target, "currentPassword", user.password())).then().statusCode(429);
        assertThat(MailCatcher.to(target)).isEmpty();
        assertThat(email(user)).isEqualTo(user.email());
    }

    @Test
    void aConfirmedChangeMovesTheAccountEndsOtherSessionsAndTheOldMailboxCanUndoIt() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Session asking = Session.login(user, null);
        Session other = Session.login(user, null);
        String target = newAddress();
        ask(asking, Map.of("newEmail", target, "currentPassword", user.password())).then().statusCode(202);
        assertThat(email(user)).as("nothing moves before the new mailbox confirms").isEqualTo(user.email());

        String confirmation = MailCatcher.token(MailCatcher.await(target, 1, BOUND));
        post("/api/auth/email/confirm", confirmation).then().statusCode(204);
        assertThat(email(user)).isEqualTo(target);
        assertThat(profileEmails(user)).as("user-service's profile follows").containsExactly(target);
        post("/api/auth/email/confirm", confirmation).then().statusCode(400)
                .body("type", equalTo("urn:palisade:problem:invalid-email-change-token"));
        Eventually.within(Duration.ofSeconds(2), "the other session ended",
                () -> other.bearer().get("/api/auth/sessions").statusCode() == 401);
        asking.bearer().get("/api/auth/sessions").then().statusCode(200);
        AuthTestSupport.login(target, user.password(), null).then().statusCode(200);
        AuthTestSupport.login(user.email(), user.password(), null).then().statusCode(401);

        // The old address hears of it, with the new one masked and a link that undoes it.
        MimeMessage notice = MailCatcher.awaitSubject(user.email(), "Your email address was changed", BOUND);
        String text = MailCatcher.part(notice, "text/plain");
        assertThat(text).contains(target.charAt(0) + "***@palisade.test").doesNotContain(target);
        post("/api/auth/email/revert", MailCatcher.token(notice)).then().statusCode(204);

        assertThat(email(user)).isEqualTo(user.email());
        assertThat(profileEmails(user)).containsExactly(target, user.email());
        Eventually.within(Duration.ofSeconds(2), "every session ended",
                () -> asking.bearer().get("/api/auth/sessions").statusCode() == 401);
        AuthTestSupport.login(user.email(), user.password(), null).then().statusCode(403)
                .body("type", equalTo("urn:palisade:problem:password-reset-required"));
        AuthTestSupport.login(target, user.password(), null).then().statusCode(401);

        // The reset goes to the old address; after it, the owner signs in again.
        MimeMessage reset = MailCatcher.awaitSubject(user.email(), "Reset your password", BOUND);
        String newPassword = "Harbour-" + UUID.randomUUID() + "-Sextant";
        given().contentType(ContentType.JSON).body(Map.of("token", MailCatcher.token(reset), "newPassword", newPassword))
                .post("/api/auth/password-reset/confirm").then().statusCode(204);
        AuthTestSupport.login(user.email(), newPassword, null).then().statusCode(200);
    }

    @Test
    void noTokenOfEitherLinkReachesALogLine() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Session session = Session.login(user, null);
        String target = newAddress();
        try (CapturedLog log = CapturedLog.start()) {
            ask(session, Map.of("newEmail", target, "currentPassword", user.password())).then().statusCode(202);
            String confirmation = MailCatcher.token(MailCatcher.await(target, 1, BOUND));
            post("/api/auth/email/confirm", confirmation).then().statusCode(204);
            String revert = MailCatcher.token(MailCatcher.awaitSubject(user.email(), "Your email address was changed", BOUND));
            post("/api/auth/email/revert", revert).then().statusCode(204);
            assertThat(log.lines()).isNotEmpty().noneMatch(line -> line.contains(confirmation) || line.contains(revert)
                    || line.contains(user.password()));
        }
    }

    @Test
    void onlyTheNewestConfirmationWorksAndALinkOnlyOnItsOwnRoute() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Session session = Session.login(user, null);
        String first = newAddress();
        String second = newAddress();
        ask(session, Map.of("newEmail", first, "currentPassword", user.password())).then().statusCode(202);
        String older = MailCatcher.token(MailCatcher.await(first, 1, BOUND));
        ask(session, Map.of("newEmail", second, "currentPassword", user.password())).then().statusCode(202);
        String newer = MailCatcher.token(MailCatcher.await(second, 1, BOUND));

        post("/api/auth/email/confirm", older).then().statusCode(400);
        post("/api/auth/email/confirm", "A".repeat(43)).then().statusCode(400);
        post("/api/auth/email/revert", newer).then().statusCode(400);
        post("/api/auth/email/confirm", newer).then().statusCode(204);
        assertThat(email(user)).isEqualTo(second);
    }

    @Test
    void twentyConcurrentConfirmationsOfOneTokenMoveTheAccountOnce() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Session session = Session.login(user, null);
        String target = newAddress();
        ask(session, Map.of("newEmail", target, "currentPassword", user.password())).then().statusCode(202);
        String token = MailCatcher.token(MailCatcher.await(target, 1, BOUND));

        List<Integer> statuses = Concurrently.run(20, i -> post("/api/auth/email/confirm", token).statusCode());
        assertThat(statuses.stream().filter(status -> status == 204)).as(statuses.toString()).hasSize(1);
        assertThat(statuses.stream().filter(status -> status == 400)).hasSize(19);
        assertThat(revertLinksTo(user.email())).isEqualTo(1);
    }

    @Test
    void aConfirmationRacingARevertLeavesTheOldAddressInPlace() {
        for (int round = 0; round < 5; round++) {
            AuthTestSupport.Credentials user = AuthTestSupport.register();
            Session session = Session.login(user, null);
            String taken = newAddress();
            ask(session, Map.of("newEmail", taken, "currentPassword", user.password())).then().statusCode(202);
            post("/api/auth/email/confirm", MailCatcher.token(MailCatcher.await(taken, 1, BOUND))).then().statusCode(204);
            String revert = MailCatcher.token(MailCatcher.awaitSubject(user.email(), "Your email address was changed", BOUND));
            // The attacker, still signed in to the session that asked, asks for a second move and races the revert.
            String further = newAddress();
            ask(session, Map.of("newEmail", further, "currentPassword", user.password())).then().statusCode(202);
            String confirmation = MailCatcher.token(MailCatcher.await(further, 1, BOUND));

            List<Integer> statuses = Concurrently.run(2, i -> post(i == 0 ? "/api/auth/email/revert"
                    : "/api/auth/email/confirm", i == 0 ? revert : confirmation).statusCode());
            assertThat(statuses.get(0)).isEqualTo(204);
            assertThat(email(user)).as("round " + round + ": " + statuses).isEqualTo(user.email());
        }
    }

    @Test
    void aTakenAddressGetsTheSameAnswerInAboutTheSameTimeAndNoMail() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        AuthTestSupport.Credentials other = AuthTestSupport.register();
        Session session = Session.login(user, null);
        List<Long> free = new ArrayList<>();
        List<Long> taken = new ArrayList<>();
        String freeBody = null;
        String takenBody = null;
        // Interleaved, after a warm-up, so drift on the machine slows both alike, and in alternating order, so
        // whatever the first request of a pair leaves behind (a collection, a mail to send) is not always paid by
        // the same side. The hourly cap stops the mails after three, not the work: every request still locks and
        // counts.
        for (int i = 0; i < 62; i++) {
            boolean freeFirst = i % 2 == 0;
            long started = System.nanoTime();
            Response first = ask(session, Map.of("newEmail", freeFirst ? newAddress() : other.email(),
                    "currentPassword", user.password()));
            long between = System.nanoTime();
            Response second = ask(session, Map.of("newEmail", freeFirst ? other.email() : newAddress(),
                    "currentPassword", user.password()));
            long ended = System.nanoTime();
            Response toFree = freeFirst ? first : second;
            Response toTaken = freeFirst ? second : first;
            toFree.then().statusCode(202);
            toTaken.then().statusCode(202);
            if (i >= 2) {
                free.add(freeFirst ? between - started : ended - between);
                taken.add(freeFirst ? ended - between : between - started);
            }
            freeBody = toFree.asString();
            takenBody = toTaken.asString();
        }
        assertThat(takenBody).isEqualTo(freeBody);
        // Each pair is timed back to back, so its ratio is free of the machine's drift; the median ratio is the claim.
        List<Double> ratios = IntStream.range(0, free.size()).mapToObj(i -> (double) taken.get(i) / free.get(i))
                .sorted().toList();
        assertThat(ratios.get(ratios.size() / 2)).isBetween(0.9, 1.1);
        assertThat(MailCatcher.to(other.email())).as("only the registration's mail").hasSize(1);
    }

    @Test
    void aRevertLinkIsNotSupersededByALaterChange() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Session session = Session.login(user, null);
        String first = newAddress();
        ask(session, Map.of("newEmail", first, "currentPassword", user.password())).then().statusCode(202);
        post("/api/auth/email/confirm", MailCatcher.token(MailCatcher.await(first, 1, BOUND))).then().statusCode(204);
        String revert = MailCatcher.token(MailCatcher.awaitSubject(user.email(), "Your email address was changed", BOUND));
        String second = newAddress();
        ask(session, Map.of("newEmail", second, "currentPassword", user.password())).then().statusCode(202);
        post("/api/auth/email/confirm", MailCatcher.token(MailCatcher.await(second, 1, BOUND))).then().statusCode(204);

        post("/api/auth/email/revert", revert).then().statusCode(204);
        assertThat(email(user)).isEqualTo(user.email());
    }

    private static Response ask(Session session, Map<String, String> body) {
        return session.bearer().contentType(ContentType.JSON).body(body).post("/api/auth/email");
    }

    private static Response post(String path, String token) {
        return given().contentType(ContentType.JSON).body(Map.of("token", token)).post(path);
    }

    private static String newAddress() {
        return "moved-" + UUID.randomUUID() + "@palisade.test";
    }

    private String email(AuthTestSupport.Credentials user) {
        return pool.preparedQuery("SELECT email FROM account WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(user.id()))).await().indefinitely().iterator().next().getString("email");
    }

    /** The emails auth-service gave user-service's copy of this profile, oldest first, each with a service token. */
    private static List<String> profileEmails(AuthTestSupport.Credentials user) {
        return UserServiceStandIn.CALLS.stream()
                .filter(call -> call.path().equals("/internal/profiles/" + user.id() + "/email"))
                .peek(call -> assertThat(call.method()).isEqualTo("PUT"))
                .peek(call -> assertThat(call.authorization()).startsWith("Bearer "))
                .map(call -> call.body().getString("email")).toList();
    }

    private long revertLinksTo(String recipient) {
        return pool.preparedQuery("SELECT count(*) AS n FROM mail_outbox WHERE recipient = $1 AND template = 'email-changed'")
                .execute(Tuple.of(recipient)).await().indefinitely().iterator().next().getLong("n");
    }
}
