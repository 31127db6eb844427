package io.palisade.user.contract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.testing.Contract;
import io.palisade.common.testing.TestTokens;
import io.palisade.user.support.AuthServiceStandIn;
import io.palisade.user.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * user-service keeps its side of the account-deletion contract: what it sends auth-service is the contract's
 * request, and it does the right thing with each answer the contract allows (the profile goes only after a
 * 204; a refusal is passed on and deletes nothing).
 */
@QuarkusTest
@QuarkusTestResource(AuthServiceStandIn.class)
class AccountDeletionConsumerTest {

    /** What the user sees, and whether the profile is gone, for each answer auth-service may give. */
    private static final Map<Integer, Integer> USER_SEES = Map.of(204, 204, 403, 403);

    static List<Contract.Interaction> interactions() {
        return Contract.load("account-deletion").interactions();
    }

    @AfterEach
    void authServiceAnswersNormally() {
        AuthServiceStandIn.status = 204;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interactions")
    void userServiceSendsTheContractsRequestAndHandlesItsAnswer(Contract.Interaction interaction) {
        UUID me = Profiles.create("Contracted");
        String token = TestTokens.user(me).sign();
        AuthServiceStandIn.status = interaction.status();

        int userSees = given().auth().oauth2(token).delete("/api/users/" + me).statusCode();

        AuthServiceStandIn.Call sent = AuthServiceStandIn.CALLS.stream()
                .filter(call -> call.path().endsWith(me.toString())).reduce((first, last) -> last).orElseThrow();
        assertThat(sent.method()).isEqualTo(interaction.method());
        interaction.assertPathMatches(sent.path());
        assertThat(sent.path()).isEqualTo(interaction.path(me));
        assertThat(sent.authorization()).as("the caller's own token, passed through").isEqualTo("Bearer " + token);

        assertThat(userSees).isEqualTo(USER_SEES.get(interaction.status()));
        Profiles.asAdmin().get("/api/users/" + me).then().statusCode(interaction.status() == 204 ? 404 : 200);
    }
}
