package io.palisade.auth.session;

import static org.hamcrest.Matchers.equalTo;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.Session;
import io.palisade.auth.support.UserServiceStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Ending one session refuses its refresh token at once and its access tokens from then on; only the owner's
 * own sessions can be ended: anyone else's, and unknown ids, are a 404 that changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class EndOneSessionTest {

    @Test
    void endingTheOtherSessionRefusesItsRefreshAndItsAccessToken() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Session kept = Session.login(user, "Kept");
        Session ended = Session.login(user, "Ended");

        kept.bearer().delete("/api/auth/sessions/" + ended.sid()).then().statusCode(204);

        AuthTestSupport.refresh(ended.refresh(), ended.csrf()).then().statusCode(401);
        ended.bearer().get("/api/auth/sessions").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        kept.bearer().get("/api/auth/sessions").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].id", equalTo(kept.sid()));
        AuthTestSupport.refresh(kept.refresh(), kept.csrf()).then().statusCode(200);
    }

    @Test
    void someoneElsesSessionIsA404AndStaysAlive() {
        Session victim = Session.login();
        Session attacker = Session.login();

        attacker.bearer().delete("/api/auth/sessions/" + victim.sid()).then().statusCode(404)
                .contentType("application/problem+json");

        victim.bearer().get("/api/auth/sessions").then().statusCode(200).body("items.size()", equalTo(1));
        AuthTestSupport.refresh(victim.refresh(), victim.csrf()).then().statusCode(200);
    }

    @Test
    void anUnknownIdIsA404AndAMalformedOneA400() {
        Session session = Session.login();
        session.bearer().delete("/api/auth/sessions/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("urn:palisade:problem:not-found"));
        session.bearer().delete("/api/auth/sessions/not-a-session").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("id"));
        session.bearer().get("/api/auth/sessions").then().statusCode(200).body("items.size()", equalTo(1));
    }

    @Test
    void anEndedSessionCannotBeEndedTwice() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Session kept = Session.login(user, null);
        Session ended = Session.login(user, null);
        kept.bearer().delete("/api/auth/sessions/" + ended.sid()).then().statusCode(204);
        kept.bearer().delete("/api/auth/sessions/" + ended.sid()).then().statusCode(404);
    }
}
