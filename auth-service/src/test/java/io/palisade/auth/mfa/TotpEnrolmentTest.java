package io.palisade.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.common.testing.CapturedLog;
import io.palisade.auth.support.Session;
import io.palisade.auth.support.Totps;
import io.palisade.auth.support.UserServiceStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

/**
 * Enrolment stays pending until a correct code confirms it; the secret is 160 bits, shown as base32, as an
 * otpauth URI and as a server-drawn QR code, sealed in the database, and written to no log; the 10 recovery
 * codes are shown once.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class TotpEnrolmentTest {

    @Inject
    Pool pool;

    @Test
    void aPendingSecretTurnsOnOnlyWithACorrectCode() throws IOException {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Session session = Session.login(user, null);
        Totps.awaitFreshStep();
        try (CapturedLog log = CapturedLog.start()) {
            Response enrolment = enrol(session, user.password());
            enrolment.then().statusCode(200)
                    .body("secret", matchesPattern("[A-Z2-7]{32}"))
                    .body("qrCode", matchesPattern("data:image/png;base64,[A-Za-z0-9+/=]+"));
            String secret = enrolment.path("secret");
            byte[] raw = new Base32().decode(secret);
            assertThat(raw).hasSize(20);
            assertThat(enrolment.<String>path("otpauthUri")).startsWith("otpauth://totp/Palisade:")
                    .contains("secret=" + secret, "issuer=Palisade", "algorithm=SHA1", "digits=6", "period=30");
            byte[] png = Base64.getDecoder().decode(enrolment.<String>path("qrCode").substring("data:image/png;base64,".length()));
            assertThat(ImageIO.read(new ByteArrayInputStream(png))).isNotNull();

            session.bearer().get("/api/auth/mfa").then().statusCode(200).body("totp", equalTo(false));
            confirm(session, wrongCode(Totps.code(raw, 0))).then().statusCode(403).contentType("application/problem+json");
            session.bearer().get("/api/auth/mfa").then().body("totp", equalTo(false));

            List<String> codes = confirm(session, Totps.code(raw, 0)).then().statusCode(200).extract().path("recoveryCodes");
            assertThat(codes).hasSize(10).doesNotHaveDuplicates()
                    .allSatisfy(code -> assertThat(code).matches("[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}"));
            session.bearer().get("/api/auth/mfa").then().statusCode(200)
                    .body("totp", equalTo(true)).body("recoveryCodesLeft", equalTo(10));
            enrol(session, user.password()).then().statusCode(409);

            byte[] stored = pool.preparedQuery("SELECT sealed_secret FROM totp_factor WHERE account_id = $1")
                    .execute(Tuple.of(UUID.fromString(session.accountId()))).await().indefinitely()
                    .iterator().next().getBuffer("sealed_secret").getBytes();
            assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret)
                    .doesNotContain(new String(raw, StandardCharsets.ISO_8859_1));
            assertThat(log.lines()).noneMatch(line -> line.contains(secret) || codes.stream().anyMatch(line::contains));
        }
    }

    private static Response enrol(Session session, String password) {
        return session.bearer().contentType(ContentType.JSON).body(Map.of("password", password)).post("/api/auth/mfa/totp");
    }

    private static Response confirm(Session session, String code) {
        return session.bearer().contentType(ContentType.JSON).body(Map.of("code", code)).post("/api/auth/mfa/totp/confirm");
    }

    private static String wrongCode(String right) {
        return String.format("%06d", (Integer.parseInt(right) + 500_000) % 1_000_000);
    }
}
