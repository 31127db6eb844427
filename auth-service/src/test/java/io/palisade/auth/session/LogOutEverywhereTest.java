package io.palisade.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.Session;
import io.palisade.auth.support.UserServiceStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** Logging out everywhere ends every session of the account, the caller's too, and clears its cookies. */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class LogOutEverywhereTest {

    @Test
    void everySessionEndsAndTheCallersCookiesAreCleared() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Session here = Session.login(user, null);
        Session there = Session.login(user, null);
        Session stranger = Session.login();

        Response out = here.bearer().delete("/api/auth/sessions");

        out.then().statusCode(204);
        assertThat(out.getHeaders().getValues("Set-Cookie")).containsExactlyInAnyOrder(
                "refresh_token=; Path=/api/auth; Max-Age=0; Secure; HttpOnly; SameSite=Strict",
                "csrf_token=; Path=/; Max-Age=0; Secure; SameSite=Strict");
        for (Session ended : new Session[] {here, there}) {
            AuthTestSupport.refresh(ended.refresh(), ended.csrf()).then().statusCode(401);
            ended.bearer().get("/api/auth/sessions").then().statusCode(401);
        }
        stranger.bearer().get("/api/auth/sessions").then().statusCode(200);
        AuthTestSupport.login(user.email(), user.password(), null).then().statusCode(200);
    }
}
