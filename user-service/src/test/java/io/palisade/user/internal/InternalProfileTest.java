package io.palisade.user.internal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.palisade.common.testing.TestTokens;
import io.palisade.user.support.AuthServiceStandIn;
import io.palisade.user.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(AuthServiceStandIn.class)
class InternalProfileTest {

    private static final Map<String, String> BODY = Map.of("email", "x@palisade.test", "displayName", "X");

    @Test
    void aServiceTokenCreatesTheProfileIdempotently() {
        UUID id = UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(TestTokens.service("user-service").sign()).contentType(ContentType.JSON).body(BODY)
                    .put("/internal/profiles/" + id).then().statusCode(204);
        }
        Profiles.as(id).get("/api/users/me").then().statusCode(200).body("displayName", equalTo("X"));
    }

    @Test
    void aServiceTokenMovesTheProfilesEmailAndAUserTokenCannot() {
        UUID id = UUID.randomUUID();
        given().auth().oauth2(TestTokens.service("user-service").sign()).contentType(ContentType.JSON).body(BODY)
                .put("/internal/profiles/" + id).then().statusCode(204);
        Map<String, String> moved = Map.of("email", "moved@palisade.test");
        given().auth().oauth2(TestTokens.user(id).sign()).contentType(ContentType.JSON).body(moved)
                .put("/internal/profiles/" + id + "/email").then().statusCode(403);
        given().auth().oauth2(TestTokens.service("user-service").sign()).contentType(ContentType.JSON).body(moved)
                .put("/internal/profiles/" + id + "/email").then().statusCode(204);
        Profiles.as(id).get("/api/users/me").then().statusCode(200).body("email", equalTo("moved@palisade.test"));
        given().auth().oauth2(TestTokens.service("user-service").sign()).contentType(ContentType.JSON).body(moved)
                .put("/internal/profiles/" + UUID.randomUUID() + "/email").then().statusCode(404);
        given().auth().oauth2(TestTokens.service("user-service").sign()).contentType(ContentType.JSON)
                .body(Map.of("email", "not-an-email")).put("/internal/profiles/" + id + "/email").then().statusCode(400);
    }

    @Test
    void aUserTokenIsA403() {
        UUID id = UUID.randomUUID();
        given().auth().oauth2(TestTokens.user(id).sign()).contentType(ContentType.JSON).body(BODY)
                .put("/internal/profiles/" + id).then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin(id).sign()).contentType(ContentType.JSON).body(BODY)
                .put("/internal/profiles/" + id).then().statusCode(403);
        Profiles.asAdmin().get("/api/users/" + id).then().statusCode(404);
    }

    @Test
    void aServiceTokenForAnotherAudienceIsA401AndAServiceTokenOnAPublicRouteIsRefused() {
        UUID id = UUID.randomUUID();
        given().auth().oauth2(TestTokens.service("gateway-service").sign()).contentType(ContentType.JSON).body(BODY)
                .put("/internal/profiles/" + id).then().statusCode(401);
        given().auth().oauth2(TestTokens.service("user-service").subject(id.toString()).sign())
                .get("/api/users/me").then().statusCode(403);
    }

    @Test
    void anInvalidProfileIsA400() {
        given().auth().oauth2(TestTokens.service("user-service").sign()).contentType(ContentType.JSON)
                .body(Map.of("email", "not-an-email", "displayName", "X"))
                .put("/internal/profiles/" + UUID.randomUUID()).then().statusCode(400);
    }
}
