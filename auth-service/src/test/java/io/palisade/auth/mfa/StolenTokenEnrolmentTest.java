package io.palisade.auth.mfa;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.Session;
import io.palisade.auth.support.UserServiceStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A thief with only the access token would put a second factor of their own on the account: the owner could
 * no longer sign in, and a password reset does not remove it. Enrolment needs the current password, and
 * guessing it there counts like a login.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class StolenTokenEnrolmentTest {

    @Test
    void enrolmentWithoutTheRightPasswordIs403AndLeavesNothingToConfirm() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Session thief = Session.login(user, null);

        thief.bearer().contentType(ContentType.JSON).body("{}").post("/api/auth/mfa/totp").then().statusCode(403)
                .contentType("application/problem+json");
        thief.bearer().contentType(ContentType.JSON).body(Map.of("password", user.password() + "x"))
                .post("/api/auth/mfa/totp").then().statusCode(403);

        thief.bearer().contentType(ContentType.JSON).body(Map.of("code", "123456")).post("/api/auth/mfa/totp/confirm")
                .then().statusCode(409);
        thief.bearer().get("/api/auth/mfa").then().statusCode(200).body("totp", equalTo(false));
    }

    @Test
    void wrongPasswordsAtEnrolmentCountUntilEvenTheRightOneIs429() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Session thief = Session.login(user, null);
        for (int i = 0; i < 5; i++) {
            thief.bearer().contentType(ContentType.JSON).body(Map.of("password", "Guess-" + i + "-Harbour"))
                    .post("/api/auth/mfa/totp").then().statusCode(403);
        }
        thief.bearer().contentType(ContentType.JSON).body(Map.of("password", user.password()))
                .post("/api/auth/mfa/totp").then().statusCode(429).header("Retry-After", notNullValue());
    }
}
