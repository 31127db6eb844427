package io.palisade.gateway.support;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;

/** Login requests through the gateway, which the stand-in upstream answers 200: what the login policy counts. */
public final class Logins {

    private Logins() {
    }

    /** A login, with {@code X-Forwarded-For} when {@code forwardedFor} is not null. */
    public static Response post(String forwardedFor) {
        var request = given().contentType("application/json").body("{}");
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return request.post("/api/auth/login");
    }
}
