package io.palisade.user.contract;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.palisade.common.testing.Contract;
import io.palisade.common.testing.TestTokens;
import io.palisade.user.support.Profiles;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** user-service keeps its side of the profile-provisioning contract: auth-service's requests, replayed here. */
@QuarkusTest
class ProfileProvisioningProviderTest {

    static List<Contract.Interaction> interactions() {
        return Contract.load("profile-provisioning").interactions();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interactions")
    void userServiceAnswersAuthServicesRequestAsTheContractSays(Contract.Interaction interaction) {
        UUID account = UUID.randomUUID();
        given().header("Authorization", credential(interaction))
                .contentType(interaction.contentType()).body(interaction.body(account).encode())
                .request(interaction.method(), interaction.path(account))
                .then().statusCode(interaction.status());

        Profiles.asAdmin().get("/api/users/" + account)
                .then().statusCode(200).body("displayName", equalTo(interaction.body(account).getString("displayName")));
    }

    private static String credential(Contract.Interaction interaction) {
        if (interaction.credential().equals("service token for user-service")) {
            return "Bearer " + TestTokens.service("user-service").sign();
        }
        throw new IllegalArgumentException("unknown credential in the contract: " + interaction.credential());
    }
}
