package io.palisade.auth.registration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.UserServiceStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A user-service that accepts connections and never answers must not hold every registration for the whole
 * timeout: once enough calls have timed out, registrations are refused at once, without a call and without
 * an account left behind, and the breaker closes again when user-service answers. The test profile shortens
 * the timeout to 1 s, the volume to 4 calls and the open state to 1 s.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class DeadUserServiceBreakerTest {

    private static final String PASSWORD = "Lantern-Quay-Sextant-9!";

    @AfterEach
    void userServiceBackUp() {
        UserServiceStandIn.hung = false;
    }

    @Test
    void aHungUserServiceOpensTheBreakerSoRegistrationsFailFastWithoutACall() throws InterruptedException {
        UserServiceStandIn.hung = true;
        for (int i = 0; i < 4; i++) {
            register(freshEmail()).then().statusCode(503).contentType("application/problem+json");
        }

        int arrived = UserServiceStandIn.ARRIVED.get();
        String refused = freshEmail();
        register(refused).then().statusCode(503).header("Retry-After", "5");
        // No call reached user-service, so none waited for its timeout: that is the breaker answering at once.
        assertThat(UserServiceStandIn.ARRIVED.get()).as("calls that reached user-service while open").isEqualTo(arrived);
        AuthTestSupport.login(refused, PASSWORD, null).then().statusCode(401);

        UserServiceStandIn.hung = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int status;
        do {
            Thread.sleep(300);
            status = register(freshEmail()).statusCode();
        } while (status != 201 && System.nanoTime() < deadline);
        assertThat(status).as("a registration once user-service answers again").isEqualTo(201);
    }

    private static Response register(String email) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD, "displayName", "Patient"))
                .post("/api/auth/register");
    }

    private static String freshEmail() {
        return "breaker-" + UUID.randomUUID() + "@palisade.test";
    }
}
