package io.palisade.auth.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.Session;
import io.palisade.auth.support.Totps;
import io.palisade.auth.support.UserServiceStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * With TOTP on, the right password alone opens no session: it answers mfaRequired and sets no cookie. A
 * current code completes the login with amr [pwd, otp]; the same code never works twice, a code two steps
 * away never works, and a recovery code works once.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class SecondFactorLoginTest {

    @Test
    void thePasswordAloneIsNotEnoughAndEachCodeWorksOnce() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Totps.Enrolled factor = Totps.enrol(Session.login(user, null), user.password());

        String mfaToken = Totps.passwordStep(user, null);
        Response completed = Totps.codeStep(mfaToken, "code", Totps.code(factor.secret(), 1));
        completed.then().statusCode(200).body("tokenType", equalTo("Bearer"));
        assertThat(completed.getCookie("refresh_token")).isNotBlank();
        assertThat(claims(completed.path("accessToken")).getJsonArray("amr").getList()).containsExactly("pwd", "otp");
        Totps.codeStep(mfaToken, "code", Totps.code(factor.secret(), 1)).then().statusCode(401);

        Totps.codeStep(Totps.passwordStep(user, null), "code", Totps.code(factor.secret(), 1)).then().statusCode(401)
                .contentType("application/problem+json");
        Totps.codeStep(Totps.passwordStep(user, null), "code", Totps.code(factor.secret(), -2)).then().statusCode(401);
        Totps.codeStep(Totps.passwordStep(user, null), "code", Totps.code(factor.secret(), 3)).then().statusCode(401);
    }

    @Test
    void aRecoveryCodeWorksOnceAndTheCountDrops() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Session first = Session.login(user, null);
        Totps.Enrolled factor = Totps.enrol(first, user.password());
        String code = factor.recoveryCodes().get(3);

        Response completed = Totps.codeStep(Totps.passwordStep(user, null), "recoveryCode", code.toUpperCase());
        completed.then().statusCode(200);
        Totps.codeStep(Totps.passwordStep(user, null), "recoveryCode", code).then().statusCode(401);

        first.bearer().get("/api/auth/mfa").then().statusCode(200).body("recoveryCodesLeft", equalTo(9));
    }

    @Test
    void aRefreshKeepsTheSecondFactorInTheToken() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Totps.Enrolled factor = Totps.enrol(Session.login(user, null), user.password());
        Response completed = Totps.codeStep(Totps.passwordStep(user, null), "code", Totps.code(factor.secret(), 1));

        Response refreshed = AuthTestSupport.refresh(completed.getCookie("refresh_token"), completed.path("csrfToken"));

        refreshed.then().statusCode(200);
        assertThat(claims(refreshed.path("accessToken")).getJsonArray("amr").getList()).containsExactly("pwd", "otp");
    }

    private static JsonObject claims(String token) {
        return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}
