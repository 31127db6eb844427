package io.palisade.user.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.user.support.AuthServiceStandIn;
import io.palisade.user.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An auth-service that accepts connections and never answers must not hold every deletion for the whole
 * timeout: once enough calls have timed out, deletions are refused at once, without a call, and the breaker
 * closes again when auth-service answers. The test profile shortens the timeout to 1 s, the volume to 4 calls
 * and the open state to 1 s.
 */
@QuarkusTest
@QuarkusTestResource(AuthServiceStandIn.class)
class DeadAuthServiceBreakerTest {

    @AfterEach
    void authBackUp() {
        AuthServiceStandIn.hung = false;
    }

    @Test
    void aHungAuthServiceOpensTheBreakerSoDeletionsFailFastWithoutACall() throws InterruptedException {
        UUID me = Profiles.create("Patient");
        AuthServiceStandIn.hung = true;
        for (int i = 0; i < 4; i++) {
            Profiles.as(me).delete("/api/users/" + me).then().statusCode(503).contentType("application/problem+json");
        }

        int arrived = AuthServiceStandIn.ARRIVED.get();
        Profiles.as(me).delete("/api/users/" + me).then().statusCode(503).header("Retry-After", "5");
        // No call reached auth-service, so none waited for its timeout: that is the breaker answering at once.
        assertThat(AuthServiceStandIn.ARRIVED.get()).as("calls that reached auth-service while open").isEqualTo(arrived);
        Profiles.as(me).get("/api/users/me").then().statusCode(200);

        AuthServiceStandIn.hung = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int status;
        do {
            Thread.sleep(300);
            status = Profiles.as(me).delete("/api/users/" + me).statusCode();
        } while (status != 204 && System.nanoTime() < deadline);
        assertThat(status).as("a deletion once auth-service answers again").isEqualTo(204);
        Profiles.asAdmin().get("/api/users/" + me).then().statusCode(404);
    }
}
