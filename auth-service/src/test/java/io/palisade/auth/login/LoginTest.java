package io.palisade.auth.login;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class LoginTest {

    @Test
    void issuesAnRfc9068AccessTokenWithoutPersonalData() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Response login = AuthTestSupport.login(user.email(), user.password(), null);
        login.then().statusCode(200).body("tokenType", equalTo("Bearer")).body("expiresIn", equalTo(900));

        String[] parts = login.<String>path("accessToken").split("\\.");
        JsonObject header = decode(parts[0]);
        JsonObject claims = decode(parts[1]);
        assertThat(header.getString("typ")).isEqualTo("at+jwt");
        assertThat(header.getString("alg")).isEqualTo("RS256");
        assertThat(header.getString("kid")).isEqualTo(TestTokens.KID);
        assertThat(claims.fieldNames()).containsExactlyInAnyOrder("iss", "aud", "sub", "groups", "iat", "exp", "jti",
                "sid", "amr", "email_verified");
        assertThat(claims.getString("sub")).isEqualTo(user.id());
        assertThat(claims.getString("sid")).matches("[0-9a-f-]{36}");
        assertThat(claims.getJsonArray("amr").getList()).containsExactly("pwd");
        assertThat(claims.getBoolean("email_verified")).isFalse();
        assertThat(claims.getJsonArray("groups").getList()).containsExactly("user");
        assertThat(claims.encode()).doesNotContain(user.email());
    }

    @Test
    void setsTheCookiesWithExactlyTheContractsAttributes() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Response login = AuthTestSupport.login(user.email(), user.password(), null);
        List<String> cookies = login.getHeaders().getValues("Set-Cookie");

        String refresh = login.getCookie("refresh_token");
        String csrf = login.path("csrfToken");
        assertThat(refresh).hasSizeGreaterThanOrEqualTo(43);
        assertThat(cookies).contains(
                "refresh_token=" + refresh + "; Path=/api/auth; Max-Age=604800; Secure; HttpOnly; SameSite=Strict",
                "csrf_token=" + csrf + "; Path=/; Max-Age=604800; Secure; SameSite=Strict",
                "device_token=" + login.getCookie("device_token")
                        + "; Path=/api/auth/login; Max-Age=31536000; Secure; HttpOnly; SameSite=Strict");
    }

    @Test
    void givesUnknownEmailAndWrongPasswordTheSameAnswer() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Response wrong = AuthTestSupport.login(user.email(), user.password() + "x", null);
        Response unknown = AuthTestSupport.login("nobody-" + user.email(), user.password(), null);

        wrong.then().statusCode(401).contentType("application/problem+json").body("$", not(hasKey("errors")));
        unknown.then().statusCode(401).contentType("application/problem+json");
        assertThat(withoutRequestId(unknown)).isEqualTo(withoutRequestId(wrong));
        assertThat(unknown.getHeader("Set-Cookie")).isNull();
    }

    @Test
    void refusesAMalformedLoginBody() {
        given().contentType("application/json").body("{\"email\":\"a@b.c\",\"password\":\"x\"} trailing")
                .post("/api/auth/login").then().statusCode(400).contentType("application/problem+json");
        given().contentType("text/plain").body("email=a@b.c").post("/api/auth/login").then().statusCode(415)
                .contentType("application/problem+json");
    }

    private static Map<String, Object> withoutRequestId(Response response) {
        Map<String, Object> body = new HashMap<>(response.jsonPath().getMap("$"));
        body.remove("requestId");
        return body;
    }

    private static JsonObject decode(String part) {
        return new JsonObject(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
    }
}
