package io.palisade.auth.session;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.Session;
import io.palisade.auth.support.UserServiceStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The owner sees each live session once, most recently used first, with the login's User-Agent (cut to 200
 * characters), the client's network and whether it is the session of the presented token.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class SessionListTest {

    private static final String RFC3339_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";

    @Test
    void twoLoginsAreTwoSessionsWithTheCurrentOneMarked() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Session laptop = Session.login(user, "Laptop/1.0");
        Session phone = Session.login(user, "Phone/2.0 " + "x".repeat(300));

        phone.bearer().get("/api/auth/sessions").then().statusCode(200)
                .body("items.size()", equalTo(2))
                .body("items[0].id", equalTo(phone.sid()))
                .body("items[0].current", equalTo(true))
                .body("items[0].userAgent", equalTo(("Phone/2.0 " + "x".repeat(300)).substring(0, 200)))
                .body("items[0].ipPrefix", equalTo("127.0.0.0/24"))
                .body("items[0].createdAt", matchesPattern(RFC3339_UTC))
                .body("items[0].lastUsedAt", matchesPattern(RFC3339_UTC))
                .body("items[1].id", equalTo(laptop.sid()))
                .body("items[1].current", equalTo(false))
                .body("items[1].userAgent", equalTo("Laptop/1.0"));

        laptop.bearer().get("/api/auth/sessions").then().statusCode(200)
                .body("items.find { it.current }.id", equalTo(laptop.sid()));
    }

    @Test
    void aRefreshMovesItsSessionToTheTop() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Session first = Session.login(user, null);
        Session second = Session.login(user, "Second");

        AuthTestSupport.refresh(first.refresh(), first.csrf()).then().statusCode(200);

        second.bearer().get("/api/auth/sessions").then().statusCode(200)
                .body("items[0].id", equalTo(first.sid()))
                .body("items[0].userAgent", nullValue());
    }

    @Test
    void withoutATokenTheListIsA401() {
        given().get("/api/auth/sessions").then().statusCode(401)
                .contentType("application/problem+json");
    }
}
