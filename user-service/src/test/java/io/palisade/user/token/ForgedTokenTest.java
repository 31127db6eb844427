package io.palisade.user.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.palisade.common.testing.AttackerKeys;
import io.palisade.common.testing.TestTokens;
import io.palisade.user.support.AuthServiceStandIn;
import io.palisade.user.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Forged tokens on GET /api/users/me; each breaks one property of a token that is otherwise accepted. */
@QuarkusTest
@QuarkusTestResource(AuthServiceStandIn.class)
class ForgedTokenTest {

    private static final UUID SUBJECT = UUID.randomUUID();

    /** The profile the genuine token reads; creating it is idempotent, so once per test costs nothing. */
    @BeforeEach
    void profile() {
        Profiles.createWithId(SUBJECT, "Target");
    }

    static Stream<Arguments> forgeries() {
        return TestTokens.forgeries(SUBJECT).entrySet().stream().map(f -> Arguments.of(f.getKey(), f.getValue()));
    }

    @Test
    void theGenuineTokenIsAccepted() {
        given().auth().oauth2(TestTokens.user(SUBJECT).sign()).get("/api/users/me").then().statusCode(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void aForgedTokenIsA401(String forgery, String token) {
        int attackerRequests = AttackerKeys.requests();
        given().auth().oauth2(token).get("/api/users/me").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", equalTo("Bearer error=\"invalid_token\""));
        assertThat(AttackerKeys.requests()).as("requests to the attacker's key server").isEqualTo(attackerRequests);
    }
}
