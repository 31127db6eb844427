package io.palisade.auth.recovery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.auth.mfa.SecretBox;
import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.MailCatcher;
import io.palisade.auth.support.UserServiceStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The outbox loses nothing and sends nothing twice: an SMTP outage delays mail and fails no request; a mail
 * claimed by a replica that died is sent after its claim expires; the HTML part escapes what the user typed;
 * no token reaches a log line.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
@QuarkusTestResource(MailCatcher.class)
class MailOutboxTest {

    @Inject
    Pool pool;

    @Inject
    SecretBox box;

    @Test
    void anSmtpOutageDelaysTheMailAndFailsNoRequest() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        MailCatcher.await(user.email(), 1, Duration.ofSeconds(10));

        MailCatcher.stopServer();
        try {
            long started = System.nanoTime();
            given().contentType(ContentType.JSON).body(Map.of("email", user.email())).post("/api/auth/password-reset")
                    .then().statusCode(202);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            waitFor(Duration.ofSeconds(3));
        } finally {
            MailCatcher.startServer();
        }

        MailCatcher.await(user.email(), 1, Duration.ofSeconds(20));
        waitFor(Duration.ofSeconds(2));
        assertThat(MailCatcher.to(user.email())).as("the reset mail, once, after the outage").hasSize(1);
    }

    @Test
    void aMailClaimedByAReplicaThatDiedIsSentAfterTheClaimExpires() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        MailCatcher.await(user.email(), 1, Duration.ofSeconds(10));
        // What a replica leaves behind when it dies between claiming a row and sending it.
        UUID mailId = UUID.randomUUID();
        byte[] link = box.seal(mailId, "http://localhost:5173/reset-password#token=left-behind".getBytes(StandardCharsets.UTF_8));
        pool.preparedQuery("""
                        INSERT INTO mail_outbox (id, account_id, recipient, template, sealed_link, attempts, claimed_until)
                        VALUES ($1, $2, $3, 'reset-password', $4, 1, now() + interval '2 seconds')""")
                .execute(Tuple.of(mailId, UUID.fromString(user.id()), user.email(), Buffer.buffer(link)))
                .await().indefinitely();

        waitFor(Duration.ofSeconds(1));
        assertThat(MailCatcher.to(user.email())).as("not while the claim holds").hasSize(1);
        MailCatcher.await(user.email(), 2, Duration.ofSeconds(10));
    }

    @Test
    void aMailThatCannotBeOpenedHoldsUpNoOther() {
        // Sealed under a key this service no longer has, already tried: a failing row delays itself, not others.
        for (int i = 0; i < 12; i++) {
            pool.preparedQuery("""
                            INSERT INTO mail_outbox (id, recipient, template, sealed_link, created_at, attempts)
                            VALUES ($1, 'poison@palisade.test', 'reset-password', $2, now() - interval '1 day', 3)""")
                    .execute(Tuple.of(UUID.randomUUID(), Buffer.buffer(new byte[40]))).await().indefinitely();
        }

        AuthTestSupport.Credentials user = AuthTestSupport.register();

        MailCatcher.await(user.email(), 1, Duration.ofSeconds(10));
    }

    @Test
    void theHtmlPartEscapesTheDisplayNameAndNoTokenIsLogged() {
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage() + " " + (record.getParameters() == null ? "" : List.of(record.getParameters())));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(capture);
        try {
            String email = "script-" + UUID.randomUUID() + "@palisade.test";
            given().contentType(ContentType.JSON).body(Map.of("email", email, "password", "Lantern-Quay-Sextant-9!",
                    "displayName", "<script>alert(1)</script>")).post("/api/auth/register").then().statusCode(201);

            MimeMessage mail = MailCatcher.await(email, 1, Duration.ofSeconds(10));
            String html = MailCatcher.part(mail, "text/html");
            assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
            assertThat(MailCatcher.part(mail, "text/plain")).contains("Hello <script>alert(1)</script>,");
            String token = MailCatcher.token(mail);
            assertThat(logged).noneMatch(line -> line.contains(token));
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
    }

    private static void waitFor(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
