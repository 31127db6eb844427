package io.palisade.auth.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.Session;
import io.palisade.auth.support.UserServiceStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Refresh and logout need the family's own CSRF value in the header; without it nothing changes.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class RefreshCsrfTest {

    private static final String FORBIDDEN = "urn:palisade:problem:forbidden";

    @Inject
    Pool pool;

    @Test
    void aMissingOrWrongCsrfHeaderIsRefusedAndChangesNothing() {
        Session session = Session.login();
        AuthTestSupport.refresh(session.refresh(), null).then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo(FORBIDDEN));
        AuthTestSupport.refresh(session.refresh(), session.csrf() + "x").then().statusCode(403)
                .body("type", equalTo(FORBIDDEN));
        given().cookie("refresh_token", session.refresh()).post("/api/auth/logout").then().statusCode(403)
                .body("type", equalTo(FORBIDDEN)).header("Set-Cookie", nullValue());
        assertThat(session.tokensIssued(pool)).isEqualTo(1);
        assertThat(session.revokedFamilies(pool)).isZero();

        AuthTestSupport.refresh(session.refresh(), session.csrf()).then().statusCode(200);
    }

    @Test
    void anotherFamilysCsrfValueIsNoGood() {
        Session mine = Session.login();
        Session theirs = Session.login();
        AuthTestSupport.refresh(mine.refresh(), theirs.csrf()).then().statusCode(403).body("type", equalTo(FORBIDDEN))
                .header("Set-Cookie", nullValue());
        assertThat(mine.tokensIssued(pool)).isEqualTo(1);
        assertThat(mine.revokedFamilies(pool)).isZero();
        assertThat(theirs.revokedFamilies(pool)).isZero();
    }

    @Test
    void csrfRouteReturnsTheFamilysValueForALiveRefreshToken() {
        Session session = Session.login();
        given().cookie("refresh_token", session.refresh()).get("/api/auth/csrf").then().statusCode(200)
                .body("csrfToken", equalTo(session.csrf()));
        given().get("/api/auth/csrf").then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("urn:palisade:problem:unauthenticated"));
    }
}
