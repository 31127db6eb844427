package io.palisade.auth.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.testing.Concurrently;
import io.palisade.common.testing.Metrics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The throttle race, from the attacker's side: guesses fired at once all arrive before any of them has been
 * counted. Of 20 concurrent wrong passwords on one counter, at most max-failures (5) may be checked.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class ConcurrentGuessesTest {

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void twentyConcurrentWrongPasswordsCheckAtMostFive() {
        AuthTestSupport.Credentials owner = AuthTestSupport.register();
        double hashesBefore = hashesComputed();

        List<Integer> statuses = Concurrently.run(20,
                i -> AuthTestSupport.login(owner.email(), "Wrong-Guess-" + i + "!", null).statusCode());

        assertThat(hashesComputed() - hashesBefore).as("passwords checked").isLessThanOrEqualTo(5);
        assertThat(statuses.stream().filter(s -> s == 401)).hasSizeLessThanOrEqualTo(5);
        assertThat(statuses).allMatch(s -> s == 401 || s == 429, "401 or 429: " + statuses);
        AuthTestSupport.login(owner.email(), owner.password(), null).then().statusCode(429);
    }

    private double hashesComputed() {
        return Metrics.value(Metrics.scrape(metrics), "palisade_auth_hashing_computed_total");
    }
}
