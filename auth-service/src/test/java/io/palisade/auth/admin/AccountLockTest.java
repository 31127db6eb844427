package io.palisade.auth.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.Session;
import io.palisade.auth.support.Totps;
import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An admin's lock ends every session and turns a right password into the usual 401; unlocking restores the
 * login; removing the second factor lets the password alone sign in. Only admins reach these routes; an
 * unknown account is a 404.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class AccountLockTest {

    @Test
    void aLockedAccountLogsInNoMoreAndLosesEverySessionUntilUnlocked() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Session session = Session.login(user, null);
        Response wrongPassword = AuthTestSupport.login(user.email(), user.password() + "x", null);

        admin().post("/api/auth/admin/accounts/" + user.id() + "/lock").then().statusCode(204);

        AuthTestSupport.refresh(session.refresh(), session.csrf()).then().statusCode(401)
                .contentType("application/problem+json").body("type", equalTo("urn:palisade:problem:unauthenticated"));
        session.bearer().get("/api/auth/sessions").then().statusCode(401);
        Response locked = AuthTestSupport.login(user.email(), user.password(), null);
        locked.then().statusCode(401);
        assertThat(withoutRequestId(locked)).isEqualTo(withoutRequestId(wrongPassword));

        admin().post("/api/auth/admin/accounts/" + user.id() + "/unlock").then().statusCode(204);
        AuthTestSupport.login(user.email(), user.password(), null).then().statusCode(200);
    }

    @Test
    void anAdminCanEndSomeoneElsesSessions() {
        Session session = Session.login();
        admin().delete("/api/auth/admin/accounts/" + session.accountId() + "/sessions").then().statusCode(204);
        AuthTestSupport.refresh(session.refresh(), session.csrf()).then().statusCode(401);
        session.bearer().get("/api/auth/sessions").then().statusCode(401);
    }

    @Test
    void anAdminRemovalOfTheSecondFactorLetsThePasswordAloneSignIn() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Totps.enrol(Session.login(user, null), user.password());
        Totps.passwordStep(user, null);

        admin().delete("/api/auth/admin/accounts/" + user.id() + "/mfa").then().statusCode(204);

        AuthTestSupport.login(user.email(), user.password(), null).then().statusCode(200)
                .body("tokenType", equalTo("Bearer"));
    }

    @Test
    void aPlainUserIsRefusedOnEveryAdminRoute() {
        Session victim = Session.login();
        Session user = Session.login();
        String base = "/api/auth/admin/accounts/" + victim.accountId();
        user.bearer().post(base + "/lock").then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:palisade:problem:forbidden"));
        user.bearer().post(base + "/unlock").then().statusCode(403).body("type", equalTo("urn:palisade:problem:forbidden"));
        user.bearer().delete(base + "/sessions").then().statusCode(403).body("type", equalTo("urn:palisade:problem:forbidden"));
        user.bearer().delete(base + "/mfa").then().statusCode(403).body("type", equalTo("urn:palisade:problem:forbidden"));
        // Nothing changed: the victim's session lives, and the account still signs in.
        AuthTestSupport.refresh(victim.refresh(), victim.csrf()).then().statusCode(200);
        victim.bearer().get("/api/auth/sessions").then().statusCode(200);
    }

    @Test
    void anUnknownAccountIsA404AndAMalformedIdA400() {
        String unknown = "/api/auth/admin/accounts/" + UUID.randomUUID();
        admin().post(unknown + "/lock").then().statusCode(404);
        admin().post(unknown + "/unlock").then().statusCode(404);
        admin().delete(unknown + "/sessions").then().statusCode(404);
        admin().delete(unknown + "/mfa").then().statusCode(404);
        admin().post("/api/auth/admin/accounts/not-an-id/lock").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("id"));
    }

    private static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.admin(UUID.randomUUID()).sign());
    }

    private static Map<String, Object> withoutRequestId(Response response) {
        Map<String, Object> body = new java.util.HashMap<>(response.jsonPath().getMap("$"));
        body.remove("requestId");
        body.remove("instance");
        return body;
    }
}
