package io.palisade.auth.recovery;

import static org.hamcrest.Matchers.equalTo;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.MailCatcher;
import io.palisade.auth.support.UserServiceStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With verification required, an unverified account's right password is a 403 email-unverified; a wrong one the usual 401. */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
@QuarkusTestResource(MailCatcher.class)
@TestProfile(EmailVerificationRequiredTest.Required.class)
class EmailVerificationRequiredTest {

    public static class Required implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("palisade.auth.email-verification.required", "true");
        }
    }

    @Test
    void anUnverifiedAccountCannotSignInUntilItVerifies() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();

        AuthTestSupport.login(user.email(), user.password() + "x", null).then().statusCode(401);
        AuthTestSupport.login(user.email(), user.password(), null).then().statusCode(403)
                .body("type", equalTo("urn:palisade:problem:email-unverified"));

        String token = MailCatcher.token(MailCatcher.await(user.email(), 1, Duration.ofSeconds(10)));
        RestAssured.given().contentType(ContentType.JSON).body(Map.of("token", token)).post("/api/auth/email/verify")
                .then().statusCode(204);
        AuthTestSupport.login(user.email(), user.password(), null).then().statusCode(200);
    }
}
