package io.palisade.user.support;

import static io.restassured.RestAssured.given;

import io.palisade.common.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** Creates profiles the way auth-service does, and calls routes as a given user. */
public final class Profiles {

    private Profiles() {
    }

    public static UUID create(String displayName) {
        return createWithId(UUID.randomUUID(), displayName);
    }

    public static UUID createWithId(UUID id, String displayName) {
        given().auth().oauth2(TestTokens.service("user-service").sign()).contentType(ContentType.JSON)
                .body(Map.of("email", "p-" + id + "@palisade.test", "displayName", displayName))
                .put("/internal/profiles/" + id).then().statusCode(204);
        return id;
    }

    public static RequestSpecification as(UUID user) {
        return given().auth().oauth2(TestTokens.user(user).sign());
    }

    public static Response patch(UUID user, String body) {
        return as(user).contentType(ContentType.JSON).body(body).patch("/api/users/me");
    }

    public static RequestSpecification asAdmin() {
        return given().auth().oauth2(TestTokens.admin(UUID.randomUUID()).sign());
    }
}
