package io.palisade.auth.recovery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.MailCatcher;
import io.palisade.auth.support.Session;
import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.testing.Concurrently;
import io.palisade.common.testing.Eventually;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The hourly cap and "only the newest link works" are counts and a replacement; fired at once they must hold
 * as they do one by one. Registration's own verification mail is the first of the hour's three.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
@QuarkusTestResource(MailCatcher.class)
class ConcurrentMailRequestsTest {

    private static final int CAP = 3;
    private static final String NEW_PASSWORD = "Harbour-Quartz-Lantern-77!";

    @Inject
    Pool pool;

    @Test
    void twentyConcurrentResetRequestsSendAtMostTheCapAndExactlyOneLinkResets() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        MailCatcher.await(user.email(), 1, Duration.ofSeconds(10));

        List<Integer> statuses = Concurrently.run(20, i -> given().contentType(ContentType.JSON)
                .body(Map.of("email", user.email())).post("/api/auth/password-reset").statusCode());

        assertThat(statuses).containsOnly(202);
        List<String> tokens = linksOnceSent(user, "/reset-password#token=");
        assertThat(MailCatcher.to(user.email())).hasSizeLessThanOrEqualTo(CAP);
        assertThat(tokens).isNotEmpty();
        long reset = tokens.stream().filter(token -> given().contentType(ContentType.JSON)
                .body(Map.of("token", token, "newPassword", NEW_PASSWORD))
                .post("/api/auth/password-reset/confirm").statusCode() == 204).count();
        assertThat(reset).isEqualTo(1);
    }

    @Test
    void twentyConcurrentVerificationResendsSendAtMostTheCapAndExactlyOneLinkVerifies() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        MailCatcher.await(user.email(), 1, Duration.ofSeconds(10));
        Session session = Session.login(user, null);

        List<Integer> statuses = Concurrently.run(20, i -> session.bearer().post("/api/auth/email/verification")
                .statusCode());

        assertThat(statuses).containsOnly(202, 429);
        assertThat(statuses.stream().filter(s -> s == 202).count()).isLessThanOrEqualTo(CAP - 1);
        List<String> tokens = linksOnceSent(user, "/verify-email#token=");
        assertThat(MailCatcher.to(user.email())).hasSizeLessThanOrEqualTo(CAP);
        long verified = tokens.stream().filter(token -> given().contentType(ContentType.JSON)
                .body(Map.of("token", token)).post("/api/auth/email/verify").statusCode() == 204).count();
        assertThat(verified).isEqualTo(1);
    }

    /** Every token of {@code page} mailed to {@code user}, once the outbox holds nothing unsent for the account. */
    private List<String> linksOnceSent(AuthTestSupport.Credentials user, String page) {
        Eventually.within(Duration.ofSeconds(20), "every queued mail sent", () -> pool.preparedQuery(
                        "SELECT count(*) FROM mail_outbox WHERE account_id = $1 AND sent_at IS NULL")
                .execute(Tuple.of(UUID.fromString(user.id()))).await().indefinitely().iterator().next().getLong(0) == 0);
        return MailCatcher.to(user.email()).stream()
                .filter(mail -> MailCatcher.part(mail, "text/plain").contains(page))
                .map(MailCatcher::token).toList();
    }
}
