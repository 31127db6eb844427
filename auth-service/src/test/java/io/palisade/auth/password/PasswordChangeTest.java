package io.palisade.auth.password;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.Session;
import io.palisade.auth.support.UserServiceStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A password change needs the current password, checked like a login (each wrong one counts on the login
 * counter of the session's device, so the sixth attempt is a 429 even with the right password), follows the
 * registration rules, and ends every other session while the caller's stays.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class PasswordChangeTest {

    private static final String NEW_PASSWORD = "Quartz-Harbour-Lantern-42!";

    @Test
    void aChangeEndsEveryOtherSessionAndOnlyTheNewPasswordLogsIn() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Session caller = Session.login(user, null);
        Session other = Session.login(user, null);

        change(caller, user.password(), NEW_PASSWORD).then().statusCode(204);

        AuthTestSupport.refresh(other.refresh(), other.csrf()).then().statusCode(401);
        other.bearer().get("/api/auth/sessions").then().statusCode(401);
        caller.bearer().get("/api/auth/sessions").then().statusCode(200).body("items.size()", equalTo(1));
        AuthTestSupport.refresh(caller.refresh(), caller.csrf()).then().statusCode(200);
        AuthTestSupport.login(user.email(), user.password(), null).then().statusCode(401);
        AuthTestSupport.login(user.email(), NEW_PASSWORD, null).then().statusCode(200);
    }

    @Test
    void wrongCurrentPasswordsAre403AndCountedUntilEvenTheRightOneIs429() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Session caller = Session.login(user, null);

        for (int i = 0; i < 5; i++) {
            change(caller, user.password() + "x", NEW_PASSWORD).then().statusCode(403)
                    .contentType("application/problem+json");
        }
        change(caller, user.password(), NEW_PASSWORD).then().statusCode(429).header("Retry-After", notNullValue());
        // Counted on the session's device, not on the counter every other login shares.
        AuthTestSupport.login(user.email(), user.password(), null).then().statusCode(200);
    }

    @Test
    void aNewPasswordEqualToTheCurrentOneIsRefusedBeforeAnythingIsHashedOrCounted() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Session caller = Session.login(user, null);

        // Wrong current passwords, each repeated as the new one: a check that hashed or counted would reach 429.
        for (int i = 0; i < 8; i++) {
            String guess = "Guess-" + i + "-Harbour-Lantern";
            change(caller, guess, guess).then().statusCode(400).body("errors.field", hasItem("newPassword"));
        }
        change(caller, user.password(), NEW_PASSWORD).then().statusCode(204);
    }

    @Test
    void aNewPasswordThatBreaksTheRulesOrRepeatsTheOldOneIsA400AndChangesNothing() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Session caller = Session.login(user, null);
        Session other = Session.login(user, null);

        change(caller, user.password(), "password1234").then().statusCode(400).body("errors.field", hasItem("password"));
        change(caller, user.password(), user.password()).then().statusCode(400).body("errors.field", hasItem("newPassword"));

        AuthTestSupport.refresh(other.refresh(), other.csrf()).then().statusCode(200);
        AuthTestSupport.login(user.email(), user.password(), null).then().statusCode(200);
    }

    @Test
    void withoutATokenThereIsNothingToChange() {
        given().contentType(ContentType.JSON).body(Map.of("currentPassword", "a", "newPassword", NEW_PASSWORD))
                .post("/api/auth/password").then().statusCode(401);
    }

    private static Response change(Session session, String current, String next) {
        return session.bearer().contentType(ContentType.JSON)
                .body(Map.of("currentPassword", current, "newPassword", next)).post("/api/auth/password");
    }
}
