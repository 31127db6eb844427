package io.palisade.auth.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.Session;
import io.palisade.auth.support.Totps;
import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.testing.Concurrently;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Wrong codes are guesses like wrong passwords: each mfaToken dies after 5; across fresh mfaTokens they fill
 * the account's shared login counter (429), while the owner's known device keeps its own counter and still
 * signs in; 20 wrong codes fired at once check at most max-failures of them.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class SecondFactorThrottleTest {

    @Test
    void fiveWrongCodesKillTheMfaToken() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Totps.Enrolled factor = Totps.enrol(Session.login(user, null), user.password());
        Response owner = Totps.codeStep(Totps.passwordStep(user, null), "code", Totps.code(factor.secret(), 1));
        String device = owner.getCookie("device_token");

        String mfaToken = Totps.passwordStep(user, device);
        for (int i = 0; i < 5; i++) {
            Totps.codeStep(mfaToken, "code", "000000").then().statusCode(401);
        }
        Totps.codeStep(mfaToken, "recoveryCode", factor.recoveryCodes().get(0)).then().statusCode(401);
    }

    @Test
    void wrongCodesFillTheSharedCounterWhileTheOwnersDeviceStillSignsIn() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Totps.Enrolled factor = Totps.enrol(Session.login(user, null), user.password());
        Response owner = Totps.codeStep(Totps.passwordStep(user, null), "code", Totps.code(factor.secret(), 1));
        String device = owner.getCookie("device_token");

        for (int i = 0; i < 5; i++) {
            Totps.codeStep(Totps.passwordStep(user, null), "code", "000000").then().statusCode(401);
        }
        AuthTestSupport.login(user.email(), user.password(), null).then().statusCode(429);

        String ownersToken = Totps.passwordStep(user, device);
        Totps.codeStep(ownersToken, "recoveryCode", factor.recoveryCodes().get(1)).then().statusCode(200);
    }

    @Test
    void twentyConcurrentWrongCodesCheckAtMostMaxFailures() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Totps.enrol(Session.login(user, null), user.password());
        List<String> tokens = Concurrently.run(4, i -> Totps.passwordStep(user, null));

        List<Integer> statuses = Concurrently.run(20, i -> Totps.codeStep(tokens.get(i % 4), "code", "000000").statusCode());

        assertThat(statuses).containsOnly(401, 429);
        assertThat(statuses.stream().filter(status -> status == 401)).as("codes actually checked").hasSizeLessThanOrEqualTo(5);
    }
}
