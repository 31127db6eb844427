package io.palisade.user.json;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.palisade.common.testing.TestTokens;
import io.palisade.user.support.AuthServiceStandIn;
import io.palisade.user.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A value of the wrong JSON type is the client's mistake on every JSON route: 400, and nothing changes. */
@QuarkusTest
@QuarkusTestResource(AuthServiceStandIn.class)
class WrongJsonTypesTest {

    @Test
    void aProfilePatchWithAScalarOfTheWrongTypeIsA400AndChangesNothing() {
        UUID me = Profiles.create("Original");
        for (String body : new String[] {"{\"displayName\":5}", "{\"displayName\":true}", "{\"bio\":false}",
                "{\"bio\":1.5}", "{\"displayName\":[\"x\"]}", "{\"bio\":{\"text\":\"x\"}}"}) {
            Profiles.as(me).contentType(ContentType.JSON).body(body).patch("/api/users/me").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        Profiles.as(me).get("/api/users/me").then().statusCode(200)
                .body("displayName", equalTo("Original")).body("bio", nullValue());
    }

    @Test
    void anInternalProfileWithAScalarOfTheWrongTypeIsA400AndCreatesNothing() {
        UUID id = UUID.randomUUID();
        for (String body : new String[] {"{\"email\":true,\"displayName\":\"X\"}",
                "{\"email\":\"x@palisade.test\",\"displayName\":5}", "{\"email\":7,\"displayName\":\"X\"}"}) {
            given().auth().oauth2(TestTokens.service("user-service").sign()).contentType(ContentType.JSON).body(body)
                    .put("/internal/profiles/" + id).then().statusCode(400).contentType("application/problem+json");
        }
        Profiles.asAdmin().get("/api/users/" + id).then().statusCode(404);
    }
}
