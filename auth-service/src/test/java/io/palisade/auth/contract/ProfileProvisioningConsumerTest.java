package io.palisade.auth.contract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.testing.Contract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * auth-service keeps its side of the profile-provisioning contract: what registration sends user-service is
 * the contract's request, and registration succeeds on the answer the contract promises.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class ProfileProvisioningConsumerTest {

    static List<Contract.Interaction> interactions() {
        return Contract.load("profile-provisioning").interactions();
    }

    @AfterEach
    void userServiceAnswersNormally() {
        UserServiceStandIn.status = 204;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("interactions")
    void registrationSendsTheContractsRequestAndAcceptsItsAnswer(Contract.Interaction interaction) {
        UserServiceStandIn.status = interaction.status();
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("email", "contract-" + UUID.randomUUID() + "@palisade.test",
                        "password", "Lantern-Quay-Sextant-9!", "displayName", "Ada"))
                .post("/api/auth/register").then().statusCode(201).extract().path("id");

        UserServiceStandIn.Call sent = UserServiceStandIn.CALLS.stream().filter(call -> call.path().endsWith(id))
                .findFirst().orElseThrow();
        assertThat(sent.method()).isEqualTo(interaction.method());
        interaction.assertPathMatches(sent.path());
        assertThat(sent.path()).isEqualTo(interaction.path(UUID.fromString(id)));
        assertThat(sent.contentType()).startsWith(interaction.contentType());
        interaction.assertBodyShape(sent.body());
        assertThat(interaction.credential()).isEqualTo("service token for user-service");
        JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(
                sent.authorization().substring("Bearer ".length()).split("\\.")[1]), StandardCharsets.UTF_8));
        assertThat(claims.getString("aud")).isEqualTo("user-service");
        assertThat(claims.getJsonArray("groups").getList()).containsExactly("service");
    }
}
