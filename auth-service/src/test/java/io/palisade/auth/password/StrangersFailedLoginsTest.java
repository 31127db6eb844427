package io.palisade.auth.password;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.Session;
import io.palisade.auth.support.UserServiceStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Anyone who knows an email can fill the login counter every unknown device shares. A signed-in owner's
 * re-authentication counts on the counter of the device that signed in to the session, so those failures
 * cannot answer the owner's password change or second-factor enrolment with 429.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class StrangersFailedLoginsTest {

    @Test
    void aStrangersFiveWrongLoginsLeaveTheOwnersPasswordChangeAndEnrolmentAlone() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Session owner = Session.login(user, null);
        for (int i = 0; i < 5; i++) {
            AuthTestSupport.login(user.email(), "Stranger-Guess-" + i, null).then().statusCode(401);
        }
        AuthTestSupport.login(user.email(), user.password(), null).then().statusCode(429);

        owner.bearer().contentType(ContentType.JSON).body(Map.of("password", user.password()))
                .post("/api/auth/mfa/totp").then().statusCode(200);
        owner.bearer().contentType(ContentType.JSON)
                .body(Map.of("currentPassword", user.password(), "newPassword", "Quartz-Harbour-Lantern-42!"))
                .post("/api/auth/password").then().statusCode(204);
    }
}
