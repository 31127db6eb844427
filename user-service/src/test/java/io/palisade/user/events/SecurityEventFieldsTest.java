package io.palisade.user.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.testing.CapturedEvents;
import io.palisade.user.support.AuthServiceStandIn;
import io.palisade.user.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An authorization denial names who tried, in which request, from where. No proxy is trusted here, so an
 * X-Forwarded-For the caller wrote itself changes nothing in the log: the socket peer is the client.
 */
@QuarkusTest
@QuarkusTestResource(AuthServiceStandIn.class)
class SecurityEventFieldsTest {

    @Test
    void anAuthorizationDenialCarriesEventRequestIdAccountAndThePeerNotASpoofedAddress() {
        UUID owner = Profiles.create("Owner");
        UUID intruder = Profiles.create("Intruder");
        try (CapturedEvents events = CapturedEvents.start()) {
            Response denied = Profiles.as(intruder).header("X-Forwarded-For", "203.0.113.66").get("/api/users/" + owner);
            denied.then().statusCode(404);

            List<Map<String, String>> lines = events.of("authorization_denied");
            assertThat(lines).isNotEmpty();
            assertThat(lines.get(lines.size() - 1)).containsEntry("requestId", denied.getHeader("X-Request-Id"))
                    .containsEntry("accountId", intruder.toString())
                    .containsEntry("clientIp", "127.0.0.1");
        }
    }
}
