package io.palisade.auth.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.MailCatcher;
import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.testing.Concurrently;
import io.palisade.common.testing.Eventually;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Several senders at once, as several replicas run them, never send one row twice: each claims its rows with
 * FOR UPDATE SKIP LOCKED. Here four extra senders run in parallel with the scheduled one.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
@QuarkusTestResource(MailCatcher.class)
class ConcurrentSendersTest {

    @Inject
    MailSender sender;

    @Inject
    Pool pool;

    @Test
    void everyMailIsSentExactlyOnceWhateverTheNumberOfSenders() {
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            recipients.add(AuthTestSupport.register().email());
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            Concurrently.run(4, i -> sender.deliver().await().atMost(Duration.ofSeconds(10)));
        }
        Eventually.within(Duration.ofSeconds(15), "every mail sent", () -> rows(recipients).stream()
                .allMatch(row -> row.getValue("sent_at") != null));

        // A second claim of a row would show in its attempts before any second mail could reach the relay.
        assertThat(rows(recipients)).hasSize(recipients.size())
                .allSatisfy(row -> assertThat(row.getInteger("attempts")).as(row.getString("recipient")).isEqualTo(1));
        for (String recipient : recipients) {
            assertThat(MailCatcher.to(recipient)).as(recipient).hasSize(1);
        }
    }

    private List<Row> rows(List<String> recipients) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("SELECT recipient, attempts, sent_at FROM mail_outbox WHERE recipient = ANY($1)")
                .execute(Tuple.of(recipients.toArray(String[]::new))).await().indefinitely().forEach(rows::add);
        return rows;
    }
}
