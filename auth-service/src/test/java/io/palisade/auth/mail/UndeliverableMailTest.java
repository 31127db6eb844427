package io.palisade.auth.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.MailCatcher;
import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.testing.Eventually;
import io.palisade.common.testing.Metrics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A relay that refuses a recipient for good (550) will refuse it on every retry: such a mail is marked failed,
 * counted, and not tried again, instead of coming back every back-off period forever.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
@QuarkusTestResource(MailCatcher.class)
class UndeliverableMailTest {

    @Inject
    Pool pool;

    @Inject
    MailSender sender;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void aMailTheRelayRefusesForGoodIsMarkedFailedCountedAndNotTriedAgain() throws Exception {
        double before = Metrics.value(Metrics.scrape(metrics), "palisade_auth_mail_undeliverable_total");
        MailCatcher.stopServer();
        try (RefusingRelay relay = new RefusingRelay(MailCatcher.port())) {
            AuthTestSupport.Credentials user = AuthTestSupport.register();
            UUID account = UUID.fromString(user.id());
            Eventually.within(Duration.ofSeconds(15), "the refusal recorded", () -> row(account).getValue("failed_at") != null);
            int attempts = row(account).getInteger("attempts");
            int refusals = relay.refusals.get();

            // Due again, and the sender run three times over: a mail marked failed is never claimed.
            pool.preparedQuery("UPDATE mail_outbox SET next_attempt_at = now() - interval '1 minute' WHERE account_id = $1")
                    .execute(Tuple.of(account)).await().indefinitely();
            for (int i = 0; i < 3; i++) {
                sender.deliver().await().atMost(Duration.ofSeconds(10));
            }

            assertThat(row(account).getInteger("attempts")).isEqualTo(attempts).isEqualTo(1);
            assertThat(relay.refusals.get()).isEqualTo(refusals);
            assertThat(row(account).getValue("sealed_link")).isNull();
            assertThat(Metrics.value(Metrics.scrape(metrics), "palisade_auth_mail_undeliverable_total"))
                    .isGreaterThanOrEqualTo(before + 1);
            // The mail server comes back on this port once the mailer has hung up on the relay.
            Eventually.within(Duration.ofSeconds(30), "the mailer hung up", () -> relay.openConnections() == 0);
        } finally {
            // A connection the relay closed first holds its port in TIME_WAIT for up to a minute, and the mail
            // server cannot bind it again until then.
            MailCatcher.startServerWhenPortIsFree(Duration.ofSeconds(70));
        }
    }

    private Row row(UUID account) {
        return pool.preparedQuery("SELECT failed_at, attempts, sealed_link FROM mail_outbox WHERE account_id = $1")
                .execute(Tuple.of(account)).await().indefinitely().iterator().next();
    }

    /** Speaks just enough SMTP to refuse every recipient with 550, as a relay does an address it will never take. */
    private static final class RefusingRelay implements AutoCloseable {
        private final ServerSocket server;
        private final AtomicInteger refusals = new AtomicInteger();
        private final AtomicInteger open = new AtomicInteger();

        RefusingRelay(int port) throws IOException {
            server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        open.incrementAndGet();
                        Thread session = new Thread(() -> converse(client));
                        session.setDaemon(true);
                        session.start();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void converse(Socket client) {
            try (client) {
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                        StandardCharsets.US_ASCII));
                OutputStream out = client.getOutputStream();
                reply(out, "220 refusing.test ESMTP");
                for (String line; (line = in.readLine()) != null; ) {
                    String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                    if (verb.equals("RCPT")) {
                        refusals.incrementAndGet();
                        reply(out, "550 5.1.1 No such mailbox here");
                    } else if (verb.equals("QUIT")) {
                        reply(out, "221 2.0.0 Bye");
                        return;
                    } else if (verb.equals("DATA")) {
                        reply(out, "503 5.5.1 No valid recipients");
                    } else {
                        reply(out, "250 OK");
                    }
                }
            } catch (IOException gone) {
                // The client hung up; nothing to answer.
            } finally {
                open.decrementAndGet();
            }
        }

        /** Connections the mailer still holds; while it holds one, the port cannot be bound again. */
        int openConnections() {
            return open.get();
        }

        private static void reply(OutputStream out, String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
