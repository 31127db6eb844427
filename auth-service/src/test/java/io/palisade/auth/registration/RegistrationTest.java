package io.palisade.auth.registration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.UserServiceStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class RegistrationTest {

    @AfterEach
    void healthyUserService() {
        UserServiceStandIn.failing = false;
    }

    @Test
    void registersWithANormalisedEmailAndCreatesTheProfileWithAServiceToken() {
        String local = "Reg-" + UUID.randomUUID();
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("email", "  " + local + "@Palisade.TEST ", "password", "Lantern-Quay-Sextant-9!",
                        "displayName", "  Ada  "))
                .post("/api/auth/register")
                .then().statusCode(201)
                .body("email", equalTo(local.toLowerCase() + "@palisade.test"))
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .extract().path("id");

        UserServiceStandIn.Call call = UserServiceStandIn.CALLS.stream()
                .filter(c -> c.path().equals("/internal/profiles/" + id)).findFirst().orElseThrow();
        assertThat(call.body().getString("email")).isEqualTo(local.toLowerCase() + "@palisade.test");
        assertThat(call.body().getString("displayName")).isEqualTo("Ada");
        String[] jwt = call.authorization().substring("Bearer ".length()).split("\\.");
        JsonObject header = decode(jwt[0]);
        JsonObject claims = decode(jwt[1]);
        assertThat(header.getString("typ")).isEqualTo("at+jwt");
        assertThat(claims.getString("aud")).isEqualTo("user-service");
        assertThat(claims.getString("sub")).isEqualTo("auth-service");
        assertThat(claims.getJsonArray("groups").getList()).containsExactly("service");
        assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(60);
    }

    @Test
    void answers409ForAnEmailTakenInAnyCase() {
        AuthTestSupport.Credentials taken = AuthTestSupport.register();
        given().contentType(ContentType.JSON)
                .body(Map.of("email", taken.email().toUpperCase(), "password", "Another-Quay-Lantern-7!",
                        "displayName", "Copycat"))
                .post("/api/auth/register")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void refusesGuessablePasswordsWithAFieldError() {
        String local = "weak-" + UUID.randomUUID();
        String email = local + "@palisade.test";
        for (String weak : new String[] {"Password123!", "short1A!", "W" + local.substring(1) + "1!", "Password1234!!",
                "QaZwSxEdCrFvTgB"}) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("email", email, "password", weak, "displayName", "Weak"))
                    .post("/api/auth/register")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("password"));
        }
        AuthTestSupport.login(email, "Password123!", null).then().statusCode(401);
    }

    @Test
    void takesAPassphraseWithoutUpperCaseDigitsOrSymbols() {
        String email = "phrase-" + UUID.randomUUID() + "@palisade.test";
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "lantern quay sextant harbour", "displayName", "Phrase"))
                .post("/api/auth/register").then().statusCode(201);
        AuthTestSupport.login(email, "lantern quay sextant harbour", null).then().statusCode(200);
    }

    @Test
    void refusesControlCharactersAndUnknownFieldsAndCreatesNothing() {
        String email = "bad-" + UUID.randomUUID() + "@palisade.test";
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "Lantern-Quay-Sextant-9!", "displayName", "Evil\u0007Bell"))
                .post("/api/auth/register").then().statusCode(400).body("errors.field", hasItem("displayName"));
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", "Lantern-Quay-Sextant-9!", "displayName", "Mallory",
                        "groups", new String[] {"admin"}))
                .post("/api/auth/register").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"email\":\"" + email + "\",\"email\":\"x@y.z\","
                        + "\"password\":\"Lantern-Quay-Sextant-9!\",\"displayName\":\"Dup\"}")
                .post("/api/auth/register").then().statusCode(400);

        AuthTestSupport.login(email, "Lantern-Quay-Sextant-9!", null).then().statusCode(401);
    }

    @Test
    void leavesNoAccountBehindWhenTheProfileCannotBeCreated() {
        String email = "orphan-" + UUID.randomUUID() + "@palisade.test";
        Map<String, String> body = Map.of("email", email, "password", "Lantern-Quay-Sextant-9!", "displayName", "Orphan");
        UserServiceStandIn.failing = true;
        given().contentType(ContentType.JSON).body(body).post("/api/auth/register")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", matchesPattern("\\d+"));

        UserServiceStandIn.failing = false;
        AuthTestSupport.login(email, "Lantern-Quay-Sextant-9!", null).then().statusCode(401);
        given().contentType(ContentType.JSON).body(body).post("/api/auth/register").then().statusCode(201);
    }

    private static JsonObject decode(String part) {
        return new JsonObject(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
    }
}
