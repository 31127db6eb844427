package io.palisade.auth.password;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.Session;
import io.palisade.auth.support.Totps;
import io.palisade.auth.support.UserServiceStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With TOTP on, a password change and turning TOTP off also need a current code: without one, or with a
 * wrong one, the answer is 403 and the attempt counts on the login counter. Turning TOTP off ends every
 * other session; the owner then signs in with the password alone.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class StepUpTest {

    private static final String FORBIDDEN = "urn:palisade:problem:forbidden";
    private static final String NEW_PASSWORD = "Quartz-Harbour-Lantern-42!";

    @Test
    void aPasswordChangeNeedsACurrentCode() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Session session = Session.login(user, null);
        Totps.Enrolled factor = Totps.enrol(session, user.password());

        change(session, user.password(), null).then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo(FORBIDDEN));
        change(session, user.password(), "000000").then().statusCode(403).body("type", equalTo(FORBIDDEN));
        // Refused, so nothing changed: the old password still signs in, the new one does not.
        AuthTestSupport.login(user.email(), NEW_PASSWORD, null).then().statusCode(401);
        Totps.passwordStep(user, null);
        change(session, user.password(), Totps.code(factor.secret(), 1)).then().statusCode(204);
        Totps.passwordStep(new AuthTestSupport.Credentials(user.id(), user.email(), NEW_PASSWORD), null);
    }

    @Test
    void missingOrWrongCodesCountUntil429() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Session session = Session.login(user, null);
        Totps.Enrolled factor = Totps.enrol(session, user.password());
        for (int i = 0; i < 5; i++) {
            remove(session, user.password(), i % 2 == 0 ? null : "000000").then().statusCode(403)
                    .body("type", equalTo(FORBIDDEN));
        }
        remove(session, user.password(), Totps.code(factor.secret(), 1)).then().statusCode(429)
                .contentType("application/problem+json").body("type", equalTo("urn:palisade:problem:too-many-requests"))
                .header("Retry-After", matchesPattern("[1-9][0-9]*"));
        session.bearer().get("/api/auth/mfa").then().statusCode(200).body("totp", equalTo(true));
    }

    @Test
    void turningTotpOffEndsTheOtherSessionsAndThePasswordAloneSignsInAgain() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Session session = Session.login(user, null);
        Session other = Session.login(user, null);
        Totps.Enrolled factor = Totps.enrol(session, user.password());

        remove(session, user.password(), Totps.code(factor.secret(), 1)).then().statusCode(204);

        session.bearer().get("/api/auth/mfa").then().statusCode(200).body("totp", equalTo(false));
        other.bearer().get("/api/auth/mfa").then().statusCode(401);
        AuthTestSupport.login(user.email(), user.password(), null).then().statusCode(200)
                .body("tokenType", equalTo("Bearer"));
        remove(session, user.password(), Totps.code(factor.secret(), 1)).then().statusCode(404);
    }

    private static Response change(Session session, String current, String code) {
        Map<String, String> body = new HashMap<>(Map.of("currentPassword", current, "newPassword", NEW_PASSWORD));
        if (code != null) {
            body.put("code", code);
        }
        return session.bearer().contentType(ContentType.JSON).body(body).post("/api/auth/password");
    }

    private static Response remove(Session session, String password, String code) {
        Map<String, String> body = new HashMap<>(Map.of("password", password));
        if (code != null) {
            body.put("code", code);
        }
        return session.bearer().contentType(ContentType.JSON).body(body).delete("/api/auth/mfa/totp");
    }
}
