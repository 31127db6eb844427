package io.palisade.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.palisade.common.testing.TestTokens;
import io.palisade.e2e.Accounts.Account;
import io.palisade.e2e.Accounts.Session;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A team's own Quarkus service (examples/quarkus-orders, which only depends on Palisade's common) behind the
 * gateway by configuration only, driven through the gateway as a frontend and as an attacker drive it.
 */
@ExtendWith(PalisadeSuite.class)
class OwnServiceBehindTheGatewayIT {

    @Test
    void anOrderIsItsOwnersAndAnAdminsAndNobodyElses() {
        Session alice = Accounts.login(Accounts.register("Alice Orders"));
        Session bob = Accounts.login(Accounts.register("Bob Orders"));
        String id = alice.bearer().contentType(ContentType.JSON).body(Map.of("item", "lamp", "quantity", 2))
                .post("/api/orders").then().statusCode(201).extract().path("id");

        alice.bearer().get("/api/orders/" + id).then().statusCode(200).body("item", equalTo("lamp"));
        bob.bearer().get("/api/orders/" + id).then().statusCode(404).contentType("application/problem+json");
        bob.bearer().get("/api/orders/" + UUID.randomUUID()).then().statusCode(404);
        bob.bearer().get("/api/orders/not-an-id").then().statusCode(400);
        Accounts.login(PalisadeSuite.ADMIN_EMAIL, PalisadeSuite.ADMIN_PASSWORD).bearer().get("/api/orders/" + id)
                .then().statusCode(200);
        // An owner named by the client is a field the service does not take: strict JSON, no mass assignment.
        bob.bearer().contentType(ContentType.JSON)
                .body(Map.of("item", "lamp", "quantity", 1, "owner", alice.accessToken()))
                .post("/api/orders").then().statusCode(400);
    }

    @Test
    void withoutAValidUserTokenTheEdgeAnswersAndTheServiceIsNeverAsked() {
        Accounts.gateway().get("/api/orders").then().statusCode(401).header("WWW-Authenticate", equalTo("Bearer"));
        for (String forged : TestTokens.forgeries(UUID.randomUUID()).values()) {
            Accounts.gateway().auth().oauth2(forged).get("/api/orders").then().statusCode(401)
                    .header("WWW-Authenticate", equalTo("Bearer error=\"invalid_token\""));
        }
    }

    @Test
    void anEndedSessionIsRefusedAtTheEdgeWithinTwoSeconds() throws InterruptedException {
        Account account = Accounts.register("Ending Orders");
        Session ending = Accounts.login(account);
        ending.bearer().get("/api/orders").then().statusCode(200);
        ending.bearer().delete("/api/auth/sessions").then().statusCode(204);
        long ended = System.nanoTime();
        while (ending.bearer().get("/api/orders").statusCode() != 401) {
            assertThat(Duration.ofNanos(System.nanoTime() - ended)).isLessThan(Duration.ofSeconds(2));
            Thread.sleep(10);
        }
    }

    @Test
    void itsAnswersCarryThePolicyAtItsCostAndTheEdgesHeaders() {
        Session carol = Accounts.login(Accounts.register("Carol Orders"));
        Response first = carol.bearer().header("Origin", PalisadeSuite.FRONTEND_ORIGIN).get("/api/orders");
        first.then().statusCode(200)
                .header("RateLimit-Policy", equalTo("\"orders\";q=1000;w=3600"))
                .header("Access-Control-Allow-Origin", equalTo(PalisadeSuite.FRONTEND_ORIGIN))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("X-Request-Id", matchesPattern("[A-Za-z0-9._:-]{1,64}"));
        // A bucket of 1,000 an hour refills a unit every 3.6 s: the next request finds exactly 2 units fewer.
        long left = remaining(first);
        assertThat(remaining(carol.bearer().get("/api/orders"))).isEqualTo(left - 2);
    }

    @Test
    void aRouteWhoseServiceIsDownIsA502Problem() {
        given().baseUri(PalisadeSuite.get().gateway()).get("/api/gone/anything").then().statusCode(502)
                .contentType("application/problem+json").body("type", equalTo("urn:palisade:problem:bad-gateway"));
    }

    private static long remaining(Response response) {
        String state = response.header("RateLimit");
        return Long.parseLong(state.replaceAll(".*;r=(\\d+);.*", "$1"));
    }
}
