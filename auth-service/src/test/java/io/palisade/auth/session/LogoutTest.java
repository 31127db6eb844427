package io.palisade.auth.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.Session;
import io.palisade.auth.support.UserServiceStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * Logout revokes the family and clears both session cookies.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class LogoutTest {

    @Test
    void logoutRevokesTheFamilyAndClearsTheSessionCookies() {
        Session session = Session.login();
        Response logout = given().cookie("refresh_token", session.refresh()).header("X-CSRF-Token", session.csrf())
                .post("/api/auth/logout");
        logout.then().statusCode(204);
        assertThat(logout.getHeaders().getValues("Set-Cookie")).containsExactlyInAnyOrder(
                "refresh_token=; Path=/api/auth; Max-Age=0; Secure; HttpOnly; SameSite=Strict",
                "csrf_token=; Path=/; Max-Age=0; Secure; SameSite=Strict");
        AuthTestSupport.refresh(session.refresh(), session.csrf()).then().statusCode(401);
        given().cookie("refresh_token", session.refresh()).get("/api/auth/csrf").then().statusCode(401);
    }
}
