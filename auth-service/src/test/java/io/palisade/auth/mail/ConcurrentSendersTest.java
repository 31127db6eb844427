package io.palisade.auth.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.MailCatcher;
import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.testing.Concurrently;
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

    @Test
    void everyMailIsSentExactlyOnceWhateverTheNumberOfSenders() throws InterruptedException {
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            recipients.add(AuthTestSupport.register().email());
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            Concurrently.run(4, i -> sender.deliver().await().atMost(Duration.ofSeconds(10)));
        }
        Thread.sleep(1500);

        for (String recipient : recipients) {
            assertThat(MailCatcher.to(recipient)).as(recipient).hasSize(1);
        }
    }
}
