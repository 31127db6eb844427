package io.palisade.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** Drives the auth contract through the gateway, as a frontend would. */
final class Accounts {

    private Accounts() {
    }

    /** A registered account: its id, normalised email and password. */
    record Account(String id, String email, String password) {
        @Override
        public String toString() {
            return "Account[" + email + "]";
        }
    }

    /** What a login hands a browser: the body's tokens and the three cookies. */
    record Session(String accessToken, String csrfToken, String refreshToken, String deviceToken) {
        @Override
        public String toString() {
            return "Session[...]";
        }

        RequestSpecification bearer() {
            return given().baseUri(PalisadeSuite.get().gateway()).header("Authorization", "Bearer " + accessToken);
        }
    }

    static RequestSpecification gateway() {
        return given().baseUri(PalisadeSuite.get().gateway());
    }

    static Account register(String displayName) {
        String email = "user-" + UUID.randomUUID() + "@Palisade.TEST";
        String password = "Lantern-" + UUID.randomUUID().toString().substring(0, 8) + "-Quay!9";
        String id = gateway().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password, "displayName", displayName))
                .post("/api/auth/register")
                .then().statusCode(201)
                .extract().path("id");
        return new Account(id, email.toLowerCase(java.util.Locale.ROOT), password);
    }

    static Response loginResponse(String email, String password, String deviceToken) {
        RequestSpecification request = gateway().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password));
        if (deviceToken != null) {
            request.cookie("device_token", deviceToken);
        }
        return request.post("/api/auth/login");
    }

    static Session login(Account account) {
        return login(account.email(), account.password());
    }

    static Session login(String email, String password) {
        Response response = loginResponse(email, password, null);
        response.then().statusCode(200);
        return new Session(response.path("accessToken"), response.path("csrfToken"),
                response.getCookie("refresh_token"), response.getCookie("device_token"));
    }

    static Response refresh(String refreshToken, String csrf) {
        return gateway().cookie("refresh_token", refreshToken).header("X-CSRF-Token", csrf)
                .post("/api/auth/refresh");
    }
}
