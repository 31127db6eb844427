package io.palisade.auth.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.Session;
import io.palisade.auth.support.UserServiceStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * Every use of the newest refresh token rotates it; other tabs may present its predecessor within the
 * leeway and get an access token without a new cookie.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class RefreshRotationTest {

    @Test
    void rotatesOnEveryUseKeepingTheFamilysCsrfValue() {
        Session session = Session.login();
        Response first = AuthTestSupport.refresh(session.refresh(), session.csrf());
        first.then().statusCode(200).body("csrfToken", equalTo(session.csrf())).body("tokenType", equalTo("Bearer"));
        String next = first.getCookie("refresh_token");
        assertThat(next).isNotEqualTo(session.refresh());
        AuthTestSupport.refresh(next, session.csrf()).then().statusCode(200);
    }

    @Test
    void letsOtherTabsPresentThePredecessorWithinTheLeewayWithoutANewCookie() {
        Session session = Session.login();
        String newest = AuthTestSupport.refresh(session.refresh(), session.csrf()).getCookie("refresh_token");
        for (int tab = 0; tab < 3; tab++) {
            Response again = AuthTestSupport.refresh(session.refresh(), session.csrf());
            again.then().statusCode(200).body("csrfToken", equalTo(session.csrf()));
            assertThat(again.getHeader("Set-Cookie")).isNull();
        }
        AuthTestSupport.refresh(newest, session.csrf()).then().statusCode(200);
    }
}
