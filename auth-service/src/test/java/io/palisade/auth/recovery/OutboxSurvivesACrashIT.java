package io.palisade.auth.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.palisade.auth.support.PackagedAuthConfig;
import io.palisade.common.testing.FreePorts;
import io.palisade.common.testing.PackagedArtifact;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A reset acknowledged with 202 survives a crash of auth-service (SIGKILL) before its mail went out, here
 * because the SMTP server was down: the packaged service, started again, sends it from the outbox, once,
 * whether the first one died before, during or after its attempt (then holding the claim, which lapses).
 *
 * <p>The two processes get a database of their own: the suite's shared one holds the outbox rows of every
 * earlier test, which a packaged build (another key, another SMTP server) would try to send first.
 */
class OutboxSurvivesACrashIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aResetAcknowledgedBeforeACrashIsMailedOnceAfterTheRestart() throws Exception {
        int http = FreePorts.next();
        int management = FreePorts.next();
        int smtp = FreePorts.next();
        String email = "crash-" + UUID.randomUUID() + "@palisade.test";
        String database = "palisade_auth_crash_" + UUID.randomUUID().toString().replace("-", "");
        createDatabase(database);
        Map<String, String> config = PackagedAuthConfig.onRandomPorts();
        config.put("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:5432/" + database);
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/" + database);
        config.putAll(Map.of("quarkus.http.port", Integer.toString(http),
                "quarkus.management.port", Integer.toString(management),
                "quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", Integer.toString(smtp),
                "quarkus.mailer.start-tls", "DISABLED",
                // The first replica may die holding the mail's claim: the restarted one takes it when it lapses.
                "palisade.auth.mail.claim", "PT5S",
                "palisade.auth.bootstrap-admin.email", email,
                "palisade.auth.bootstrap-admin.password", "Crash-Test-Passphrase-81!"));

        PackagedArtifact.Started first = PackagedArtifact.start(config);
        GreenMail mail = new GreenMail(new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        PackagedArtifact.Started second = null;
        try {
            first.awaitReady(management);
            HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http
                            + "/api/auth/password-reset")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(accepted.statusCode()).isEqualTo(202);
            Thread.sleep(1500);
            first.close();

            mail.start();
            second = PackagedArtifact.start(config).awaitReady(management);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (resetMails(mail, email) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(2000);
            assertThat(resetMails(mail, email)).as("reset mails after the restart; the logs, before and after:%n%s%n%s",
                    first.output(), second.output()).isEqualTo(1);
        } finally {
            first.close();
            if (second != null) {
                second.close();
            }
            mail.stop();
            dropDatabase(database);
        }
    }

    private static void createDatabase(String name) throws SQLException {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
    }

    private static void dropDatabase(String name) throws SQLException {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static long resetMails(GreenMail mail, String recipient) {
        return Arrays.stream(mail.getReceivedMessages()).filter(message -> is(message, recipient)).count();
    }

    private static boolean is(MimeMessage message, String recipient) {
        try {
            return "Reset your password".equals(message.getSubject())
                    && message.getAllRecipients()[0].toString().equalsIgnoreCase(recipient);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
