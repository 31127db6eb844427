package io.palisade.auth.recovery;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.MailCatcher;
import io.palisade.auth.support.Session;
import io.palisade.auth.support.UserServiceStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Registration mails one link; its token verifies the email once (later access tokens say so); a new link
 * makes the older one fail; a used, replaced or unknown token is a 400 of one problem type.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
@QuarkusTestResource(MailCatcher.class)
class EmailVerificationTest {

    private static final String TYPE = "urn:palisade:problem:invalid-verification-token";

    @Test
    void theMailedTokenVerifiesTheEmailOnce() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        MimeMessage mail = MailCatcher.await(user.email(), 1, Duration.ofSeconds(10));
        assertThat(MailCatcher.part(mail, "text/plain")).contains("http://localhost:5173/verify-email#token=");
        String token = MailCatcher.token(mail);
        assertThat(emailVerified(Session.login(user, null))).isFalse();

        verify(token).then().statusCode(204);

        assertThat(emailVerified(Session.login(user, null))).isTrue();
        verify(token).then().statusCode(400).contentType("application/problem+json").body("type", equalTo(TYPE));
        assertThat(MailCatcher.to(user.email())).hasSize(1);
    }

    @Test
    void aNewLinkMakesTheOlderOneFail() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        String first = MailCatcher.token(MailCatcher.await(user.email(), 1, Duration.ofSeconds(10)));

        Session.login(user, null).bearer().post("/api/auth/email/verification").then().statusCode(202);
        String second = MailCatcher.token(MailCatcher.await(user.email(), 2, Duration.ofSeconds(10)));

        verify(first).then().statusCode(400).body("type", equalTo(TYPE));
        verify("not-a-token-at-all").then().statusCode(400).body("type", equalTo(TYPE));
        verify(second).then().statusCode(204);
    }

    private static Response verify(String token) {
        return given().contentType(ContentType.JSON).body(Map.of("token", token)).post("/api/auth/email/verify");
    }

    private static boolean emailVerified(Session session) {
        String payload = session.accessToken().split("\\.")[1];
        return new JsonObject(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))
                .getBoolean("email_verified");
    }
}
