package io.palisade.auth.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.testing.Metrics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * What the alerts read (API.md "Logging and metrics"): each login outcome counts once in
 * palisade_security_events_total, and the hashing pool's load is exported beside its capacity and the number
 * of hashes it computed.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class LoginMetricsTest {

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void countsEachLoginOutcomeOnce() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        double failedBefore = events("login_failed");
        double succeededBefore = events("login_succeeded");
        double hashesBefore = Metrics.value(scrape(), "palisade_auth_hashing_computed_total");

        AuthTestSupport.login(user.email(), "Not-" + user.password(), null).then().statusCode(401);
        AuthTestSupport.login(user.email(), user.password(), null).then().statusCode(200);

        assertThat(events("login_failed")).isEqualTo(failedBefore + 1);
        assertThat(events("login_succeeded")).isEqualTo(succeededBefore + 1);
        assertThat(Metrics.value(scrape(), "palisade_auth_hashing_computed_total")).as("one verification per login")
                .isGreaterThanOrEqualTo(hashesBefore + 2);
    }

    @Test
    void exportsTheHashingPoolsLoadAndCapacity() {
        String scrape = scrape();
        // The test profile's pool: 2 threads and the default queue of 8.
        assertThat(Metrics.value(scrape, "palisade_auth_hashing_capacity")).isEqualTo(10);
        assertThat(Metrics.value(scrape, "palisade_auth_hashing_active")).isBetween(0.0, 2.0);
        assertThat(Metrics.value(scrape, "palisade_auth_hashing_queued")).isBetween(0.0, 8.0);
    }

    private String scrape() {
        return Metrics.scrape(metrics);
    }

    /** Every series of the events counter for {@code event}, 0 before its first count. */
    private double events(String event) {
        return Metrics.sum(scrape(), "palisade_security_events_total", "event=\"" + event + "\"");
    }
}
