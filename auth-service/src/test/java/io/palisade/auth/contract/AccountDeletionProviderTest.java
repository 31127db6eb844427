package io.palisade.auth.contract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.common.testing.Contract;
import io.palisade.common.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** auth-service keeps its side of the account-deletion contract: user-service's requests, replayed here. */
@QuarkusTest
class AccountDeletionProviderTest {

    static List<Contract.Interaction> interactions() {
        return Contract.load("account-deletion").interactions();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interactions")
    void authServiceAnswersUserServicesRequestAsTheContractSays(Contract.Interaction interaction) {
        AuthTestSupport.Credentials account = AuthTestSupport.register();
        UUID id = UUID.fromString(account.id());
        String owner = "Bearer " + TestTokens.user(id).sign();
        if (interaction.given() != null) {
            if (!interaction.given().equals("the account is already deleted")) {
                throw new IllegalArgumentException("unknown state in the contract: " + interaction.given());
            }
            given().header("Authorization", owner).delete(interaction.path(id)).then().statusCode(204);
        }

        given().header("Authorization", credential(interaction, owner))
                .request(interaction.method(), interaction.path(id))
                .then().statusCode(interaction.status());

        int login = AuthTestSupport.login(account.email(), account.password(), null).statusCode();
        assertThat(login).as("login after the call")
                .isEqualTo(interaction.status() == 204 ? 401 : 200);
    }

    private static String credential(Contract.Interaction interaction, String owner) {
        return switch (interaction.credential()) {
            case "the account owner's token" -> owner;
            case "another user's token" -> "Bearer " + TestTokens.user(UUID.randomUUID()).sign();
            default -> throw new IllegalArgumentException("unknown credential in the contract: " + interaction.credential());
        };
    }
}
