package io.palisade.auth.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.testing.AttackerKeys;
import io.palisade.common.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forged tokens against the verifier every service uses, on auth-service's one bearer route. Each forgery
 * breaks exactly one property of a token that is otherwise accepted (the baseline).
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class ForgedTokenTest {

    private static final UUID SUBJECT = UUID.randomUUID();

    static Stream<Arguments> forgeries() {
        return TestTokens.forgeries(SUBJECT).entrySet().stream().map(f -> Arguments.of(f.getKey(), f.getValue()));
    }

    @Test
    void theGenuineTokenIsAccepted() {
        given().auth().oauth2(TestTokens.user(SUBJECT).sign()).delete("/internal/accounts/" + SUBJECT).then().statusCode(204);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void aForgedTokenIsA401(String forgery, String token) {
        int attackerRequests = AttackerKeys.requests();
        given().auth().oauth2(token).delete("/internal/accounts/" + SUBJECT).then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", equalTo("Bearer error=\"invalid_token\""))
                .body("status", equalTo(401));
        assertThat(AttackerKeys.requests()).as("requests to the attacker's key server").isEqualTo(attackerRequests);
    }
}
