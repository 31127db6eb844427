package io.palisade.auth.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.Session;
import io.palisade.auth.support.Totps;
import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.testing.Concurrently;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One mfaToken completes one login. Parallel second steps on it, each with another valid recovery code, must
 * spend only the winner's code: the losers' codes were checked and spent before the challenge was, and were
 * gone although no login used them.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class ParallelSecondStepsTest {

    @Test
    void onlyTheRequestThatCompletesTheLoginSpendsItsRecoveryCode() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Session session = Session.login(user, null);
        Totps.Enrolled factor = Totps.enrol(session, user.password());
        String mfaToken = Totps.passwordStep(user, null);

        List<Integer> statuses = Concurrently.run(5, i -> Totps.codeStep(mfaToken, "recoveryCode",
                factor.recoveryCodes().get(i)).statusCode());

        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(1);
        assertThat(statuses).containsOnly(200, 401);
        session.bearer().get("/api/auth/mfa").then().statusCode(200).body("recoveryCodesLeft", equalTo(9));
    }
}
