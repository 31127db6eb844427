package io.palisade.auth.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.Session;
import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.revocation.RevocationKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A revocation reaches Redis for the other verifiers: a key under the account's hash tag that expires with the
 * last access token of the session (plus the verifiers' clock skew), and a message on the channel.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class RevocationPublishingTest {

    @Inject
    RedisDataSource redis;

    @Test
    void anEndedSessionIsPublishedAsAnExpiringKeyAndAMessage() throws InterruptedException {
        List<String> heard = new CopyOnWriteArrayList<>();
        PubSubCommands.RedisSubscriber subscriber = redis.pubsub(String.class).subscribe(RevocationKeys.CHANNEL, heard::add);
        try {
            AuthTestSupport.Credentials user = AuthTestSupport.register();
            Session kept = Session.login(user, null);
            Session ended = Session.login(user, null);
            long before = System.currentTimeMillis();

            kept.bearer().delete("/api/auth/sessions/" + ended.sid()).then().statusCode(204);

            String key = RevocationKeys.key(user.id(), ended.sid());
            long expiresAt = Long.parseLong(redis.value(String.class).get(key));
            assertThat(expiresAt - before).isBetween(Duration.ofMinutes(16).toMillis() - 2000, Duration.ofMinutes(16).toMillis() + 2000);
            assertThat(redis.key().pttl(key)).isBetween(Duration.ofMinutes(15).toMillis(), Duration.ofMinutes(16).toMillis());
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (heard.stream().noneMatch(message -> message.contains(ended.sid())) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(heard).anySatisfy(message -> assertThat(message).isEqualTo(user.id() + " " + ended.sid() + " " + expiresAt));
            assertThat(redis.key().exists(RevocationKeys.key(user.id(), kept.sid()))).isFalse();
        } finally {
            subscriber.unsubscribe();
        }
    }
}
