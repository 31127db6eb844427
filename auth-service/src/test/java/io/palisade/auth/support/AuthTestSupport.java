package io.palisade.auth.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;

/** Registers and logs in through the real routes, for tests whose subject comes after. */
public final class AuthTestSupport {

    private AuthTestSupport() {
    }

    public record Credentials(String id, String email, String password) {
    }

    public static Credentials register() {
        return register("Tester");
    }

    public static Credentials register(String displayName) {
        String email = "t-" + UUID.randomUUID() + "@palisade.test";
        String password = "Lantern-" + UUID.randomUUID().toString().substring(0, 8) + "-Quay!9";
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password, "displayName", displayName))
                .post("/api/auth/register").then().statusCode(201).extract().path("id");
        return new Credentials(id, email, password);
    }

    public static Response login(String email, String password, String deviceToken) {
        var request = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password));
        if (deviceToken != null) {
            request.cookie("device_token", deviceToken);
        }
        return request.post("/api/auth/login");
    }

    public static Response refresh(String refreshToken, String csrf) {
        var request = given().cookie("refresh_token", refreshToken);
        if (csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        return request.post("/api/auth/refresh");
    }
}
