package io.palisade.user.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.palisade.common.testing.TestTokens;
import io.palisade.user.support.AuthServiceStandIn;
import io.palisade.user.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Forged tokens on GET /api/users/me; each breaks one property of a token that is otherwise accepted. */
@QuarkusTest
@QuarkusTestResource(AuthServiceStandIn.class)
class ForgedTokenTest {

    static Stream<Arguments> tokens() {
        return Stream.of(
                Arguments.of("valid (baseline)", 200, (Function<UUID, String>) id -> TestTokens.user(id).sign()),
                Arguments.of("alg none", 401, (Function<UUID, String>) id -> TestTokens.user(id).unsigned().sign()),
                Arguments.of("HS256 with the public key", 401, (Function<UUID, String>) id -> TestTokens.user(id).hmacWithPublicKey().sign()),
                Arguments.of("tampered payload", 401, (Function<UUID, String>) id -> TestTokens.user(id).signTampered()),
                Arguments.of("wrong issuer", 401, (Function<UUID, String>) id -> TestTokens.user(id).issuer("evil").sign()),
                Arguments.of("wrong audience", 401, (Function<UUID, String>) id -> TestTokens.user(id).audience("other-api").sign()),
                Arguments.of("typ JWT", 401, (Function<UUID, String>) id -> TestTokens.user(id).typ("JWT").sign()),
                Arguments.of("unknown kid", 401, (Function<UUID, String>) id -> TestTokens.user(id).kid("unknown").sign()),
                Arguments.of("expired", 401, (Function<UUID, String>) id -> TestTokens.user(id)
                        .issuedAt(Instant.now().minus(Duration.ofMinutes(20))).sign()),
                Arguments.of("signed by another key", 401, (Function<UUID, String>) id -> TestTokens.user(id)
                        .signedWith(TestTokens.attackerKey()).sign()),
                Arguments.of("attacker key embedded as jwk", 401, (Function<UUID, String>) id -> TestTokens.user(id)
                        .signedWith(TestTokens.attackerKey()).header("x5u", "http://127.0.0.1:1/cert").sign()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokens")
    void shouldAcceptOnlyTheGenuineToken(String forgery, int status, Function<UUID, String> token) {
        UUID me = Profiles.create("Target");
        var answer = given().auth().oauth2(token.apply(me)).get("/api/users/me").then().statusCode(status);
        if (status == 401) {
            answer.contentType("application/problem+json").header("WWW-Authenticate", equalTo("Bearer"));
        }
    }
}
