package io.palisade.auth.json;

import static io.restassured.RestAssured.given;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.UserServiceStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A value of the wrong JSON type is the client's mistake on every JSON route: 400, and nothing changes. */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class WrongJsonTypesTest {

    @Test
    void registrationWithAScalarOfTheWrongTypeIsA400AndCreatesNoAccount() {
        String email = "types-" + UUID.randomUUID() + "@palisade.test";
        String password = "Lantern-" + UUID.randomUUID().toString().substring(0, 8) + "-Quay!9";
        for (String body : new String[] {
            "{\"email\":\"" + email + "\",\"password\":123456789012345678,\"displayName\":\"Types\"}",
            "{\"email\":true,\"password\":\"" + password + "\",\"displayName\":\"Types\"}",
            "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"displayName\":5}",
            "{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"displayName\":[\"Types\"]}"}) {
            register(body).then().statusCode(400).contentType("application/problem+json");
        }
        register("{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"displayName\":\"Types\"}")
                .then().statusCode(201);
    }

    @Test
    void loginWithAScalarOfTheWrongTypeIsA400AndCountsNoFailure() {
        AuthTestSupport.Credentials owner = AuthTestSupport.register();
        given().contentType(ContentType.JSON).body("{\"email\":true,\"password\":5}").post("/api/auth/login")
                .then().statusCode(400).contentType("application/problem+json");
        for (int i = 0; i < 6; i++) {
            given().contentType(ContentType.JSON).body("{\"email\":\"" + owner.email() + "\",\"password\":" + i + "}")
                    .post("/api/auth/login").then().statusCode(400);
        }
        AuthTestSupport.login(owner.email(), owner.password(), null).then().statusCode(200);
    }

    private static io.restassured.response.Response register(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/auth/register");
    }
}
