package io.palisade.auth.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.security.InvalidKeyException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/**
 * An authenticator app for tests: enrols a session's account through the real routes and computes codes from
 * the secret it was shown, independently of the service's own code (java-otp, as a second opinion).
 */
public final class Totps {

    private static final TimeBasedOneTimePasswordGenerator APP = new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6);

    private Totps() {
    }

    /** A confirmed factor: the secret the app holds and the recovery codes shown once. */
    public record Enrolled(byte[] secret, List<String> recoveryCodes) {
    }

    /** Enrols and confirms a factor from {@code session}, re-authenticated by the account's {@code password}. */
    public static Enrolled enrol(Session session, String password) {
        awaitFreshStep();
        String secret = session.bearer().contentType(ContentType.JSON).body(Map.of("password", password))
                .post("/api/auth/mfa/totp").then().statusCode(200).extract().path("secret");
        byte[] raw = new Base32().decode(secret);
        List<String> codes = session.bearer().contentType(ContentType.JSON).body(Map.of("code", code(raw, 0)))
                .post("/api/auth/mfa/totp/confirm").then().statusCode(200).extract().path("recoveryCodes");
        return new Enrolled(raw, codes);
    }

    /** The code {@code offset} steps away from now. */
    public static String code(byte[] secret, int offset) {
        try {
            int code = APP.generateOneTimePassword(new SecretKeySpec(secret, APP.getAlgorithm()),
                    Instant.now().plus(APP.getTimeStep().multipliedBy(offset)));
            return String.format("%06d", code);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until at least 5 s remain in the current step, so a test's codes do not change step under it. */
    public static void awaitFreshStep() {
        long intoStep = Instant.now().getEpochSecond() % 30;
        if (intoStep >= 25) {
            try {
                Thread.sleep((30 - intoStep) * 1000 + 200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The password step of a login; its mfaToken when the account has a second factor. */
    public static String passwordStep(AuthTestSupport.Credentials user, String deviceToken) {
        Response login = AuthTestSupport.login(user.email(), user.password(), deviceToken);
        login.then().statusCode(200);
        assertThat(login.<Boolean>path("mfaRequired")).isTrue();
        assertThat(login.getHeaders().getValues("Set-Cookie")).isEmpty();
        return login.path("mfaToken");
    }

    public static Response codeStep(String mfaToken, String field, String value) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("mfaToken", mfaToken, field, value)).post("/api/auth/login/mfa");
    }
}
