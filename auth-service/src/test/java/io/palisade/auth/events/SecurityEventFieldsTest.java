package io.palisade.auth.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.testing.CapturedEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The events an incident responder needs most carry what correlates them: the event, the request's id, the
 * account and the client's address, as the gateway forwarded it. The flow hops from the event loop to the
 * hashing pool and back, so this also proves the context survives the hop.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
@TestProfile(SecurityEventFieldsTest.BehindTheGateway.class)
class SecurityEventFieldsTest {

    public static class BehindTheGateway implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("palisade.http.trusted-proxies", "127.0.0.1/32");
        }
    }

    private static final String CLIENT = "203.0.113.50";

    @Test
    void loginEventsCarryEventRequestIdAccountAndClient() {
        AuthTestSupport.Credentials owner = AuthTestSupport.register();
        try (CapturedEvents events = CapturedEvents.start()) {
            Response ok = login(owner.email(), owner.password());
            Response bad = login(owner.email(), "Wrong-Guess-1!");
            for (int i = 2; i <= 5; i++) {
                login(owner.email(), "Wrong-Guess-" + i + "!").then().statusCode(401);
            }
            Response throttled = login(owner.email(), "Wrong-Guess-6!");
            throttled.then().statusCode(429);

            assertCarries(events.of("login_succeeded"), ok, owner.id());
            assertCarries(events.of("login_failed"), bad, owner.id());
            assertCarries(events.of("login_throttled"), throttled, owner.id());
        }
    }

    @Test
    void reuseDetectionCarriesEventRequestIdAccountAndClient() {
        AuthTestSupport.Credentials owner = AuthTestSupport.register();
        Response session = login(owner.email(), owner.password());
        String first = session.getCookie("refresh_token");
        String csrf = session.path("csrfToken");
        String second = AuthTestSupport.refresh(first, csrf).getCookie("refresh_token");
        AuthTestSupport.refresh(second, csrf).then().statusCode(200);
        try (CapturedEvents events = CapturedEvents.start()) {
            Response reuse = given().header("X-Forwarded-For", CLIENT).cookie("refresh_token", first)
                    .header("X-CSRF-Token", csrf).post("/api/auth/refresh");
            reuse.then().statusCode(401);

            assertCarries(events.of("refresh_token_reuse_detected"), reuse, owner.id());
        }
    }

    private static Response login(String email, String password) {
        return given().header("X-Forwarded-For", "6.6.6.6, " + CLIENT).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password)).post("/api/auth/login");
    }

    private static void assertCarries(List<Map<String, String>> lines, Response answer, String accountId) {
        assertThat(lines).as("captured lines").isNotEmpty().allSatisfy(line -> assertThat(line)
                .containsEntry("accountId", accountId).containsEntry("clientIp", CLIENT).containsKey("requestId"));
        assertThat(lines).extracting(line -> line.get("requestId")).contains(answer.getHeader("X-Request-Id"));
    }
}
