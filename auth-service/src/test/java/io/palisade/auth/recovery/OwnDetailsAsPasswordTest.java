package io.palisade.auth.recovery;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.MailCatcher;
import io.palisade.auth.support.Session;
import io.palisade.auth.support.UserServiceStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Wherever a password is set, the account's own email and displayName are zxcvbn inputs: a random-looking
 * string is strong until it turns out to be the account's own name or address. Registration refused these;
 * a reset confirmation and a password change accepted them.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
@QuarkusTestResource(MailCatcher.class)
class OwnDetailsAsPasswordTest {

    private static final String STRONG = "Harbour-Quartz-Lantern-77!";

    @Test
    void aResetToTheAccountsOwnEmailIsRefusedAndTheLinkStillWorks() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        MailCatcher.await(user.email(), 1, Duration.ofSeconds(10));
        given().contentType(ContentType.JSON).body(Map.of("email", user.email())).post("/api/auth/password-reset")
                .then().statusCode(202);
        String token = MailCatcher.token(MailCatcher.await(user.email(), 2, Duration.ofSeconds(10)));

        confirm(token, user.email()).then().statusCode(400)
                .body("type", equalTo("urn:palisade:problem:validation")).body("errors.field", hasItem("password"));
        confirm(token, STRONG).then().statusCode(204);
    }

    @Test
    void aChangeToTheAccountsOwnDisplayNameIsRefused() {
        String displayName = "Zq7Wx9Lp2Rt5Vb" + UUID.randomUUID().toString().substring(0, 6);
        String email = "own-" + UUID.randomUUID() + "@palisade.test";
        String password = "Lantern-" + UUID.randomUUID().toString().substring(0, 8) + "-Quay!9";
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password, "displayName", displayName))
                .post("/api/auth/register").then().statusCode(201).extract().path("id");
        Session session = Session.login(new AuthTestSupport.Credentials(id, email, password), null);

        change(session, password, displayName).then().statusCode(400).body("errors.field", hasItem("password"));
        change(session, password, STRONG).then().statusCode(204);
    }

    private static Response confirm(String token, String newPassword) {
        return given().contentType(ContentType.JSON).body(Map.of("token", token, "newPassword", newPassword))
                .post("/api/auth/password-reset/confirm");
    }

    private static Response change(Session session, String current, String next) {
        return session.bearer().contentType(ContentType.JSON)
                .body(Map.of("currentPassword", current, "newPassword", next)).post("/api/auth/password");
    }
}
