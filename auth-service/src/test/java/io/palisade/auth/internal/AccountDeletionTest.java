package io.palisade.auth.internal;

import static io.restassured.RestAssured.given;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class AccountDeletionTest {

    @Test
    void theOwnerDeletesCredentialsAndEverySessionIdempotently() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Response login = AuthTestSupport.login(user.email(), user.password(), null);
        String token = login.path("accessToken");

        given().auth().oauth2(token).delete("/internal/accounts/" + user.id()).then().statusCode(204);
        // The session ended with the account, its token with it; for any token still valid, a repeat is a 204.
        given().auth().oauth2(token).delete("/internal/accounts/" + user.id()).then().statusCode(401);
        given().auth().oauth2(TestTokens.user(UUID.fromString(user.id())).sign())
                .delete("/internal/accounts/" + user.id()).then().statusCode(204);

        AuthTestSupport.login(user.email(), user.password(), null).then().statusCode(401);
        AuthTestSupport.refresh(login.getCookie("refresh_token"), login.path("csrfToken")).then().statusCode(401);
    }

    @Test
    void anotherUserMayNotDeleteButAnAdminMay() {
        AuthTestSupport.Credentials victim = AuthTestSupport.register();
        given().auth().oauth2(TestTokens.user(UUID.randomUUID()).sign())
                .delete("/internal/accounts/" + victim.id()).then().statusCode(403)
                .contentType("application/problem+json");
        AuthTestSupport.login(victim.email(), victim.password(), null).then().statusCode(200);

        given().auth().oauth2(TestTokens.admin(UUID.randomUUID()).sign())
                .delete("/internal/accounts/" + victim.id()).then().statusCode(204);
        AuthTestSupport.login(victim.email(), victim.password(), null).then().statusCode(401);
    }

    @Test
    void aServiceTokenIsNoUserToken() {
        given().auth().oauth2(TestTokens.service("palisade-api").sign())
                .delete("/internal/accounts/" + UUID.randomUUID()).then().statusCode(403);
    }
}
