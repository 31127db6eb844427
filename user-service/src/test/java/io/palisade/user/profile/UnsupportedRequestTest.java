package io.palisade.user.profile;

import static org.hamcrest.Matchers.containsString;

import io.palisade.user.support.AuthServiceStandIn;
import io.palisade.user.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A media type or a method the route does not take is a problem saying so: 415, or 405 with Allow. */
@QuarkusTest
@QuarkusTestResource(AuthServiceStandIn.class)
class UnsupportedRequestTest {

    @Test
    void aWrongContentTypeIsA415() {
        UUID me = Profiles.create("Me");
        Profiles.as(me).contentType(ContentType.TEXT).body("displayName=x").patch("/api/users/me").then()
                .statusCode(415).contentType("application/problem+json");
    }

    @Test
    void anUnsupportedMethodIsA405WithAllow() {
        UUID me = Profiles.create("Me");
        Profiles.as(me).contentType(ContentType.JSON).body("{}").put("/api/users/me").then().statusCode(405)
                .header("Allow", containsString("GET"))
                .contentType("application/problem+json");
    }
}
