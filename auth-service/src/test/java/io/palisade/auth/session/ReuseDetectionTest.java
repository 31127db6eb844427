package io.palisade.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.Session;
import io.palisade.auth.support.UserServiceStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A refresh token presented after it was rotated away (older than the predecessor, or the predecessor after
 * the leeway) is reuse: the whole family is revoked, the newest token included, and its access tokens with it.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class ReuseDetectionTest {

    @Inject
    Pool pool;

    @Test
    void reusingAGrandparentTokenRevokesTheWholeFamily() {
        Session session = Session.login();
        String second = AuthTestSupport.refresh(session.refresh(), session.csrf()).getCookie("refresh_token");
        String third = AuthTestSupport.refresh(second, session.csrf()).getCookie("refresh_token");

        AuthTestSupport.refresh(session.refresh(), session.csrf()).then().statusCode(401)
                .contentType("application/problem+json");

        AuthTestSupport.refresh(third, session.csrf()).then().statusCode(401);
        session.bearer().get("/api/auth/sessions").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        assertThat(session.revokedFamilies(pool)).isEqualTo(1);
    }

    @Test
    void reusingThePredecessorAfterTheLeewayIsReuse() {
        Session session = Session.login();
        String newest = AuthTestSupport.refresh(session.refresh(), session.csrf()).getCookie("refresh_token");
        session.updateFamilies(pool, "rotated_at = now() - interval '6 seconds'");

        AuthTestSupport.refresh(session.refresh(), session.csrf()).then().statusCode(401);
        AuthTestSupport.refresh(newest, session.csrf()).then().statusCode(401);
    }
}
