package io.palisade.user.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.common.testing.TestTokens;
import io.palisade.user.support.AuthServiceStandIn;
import io.palisade.user.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * user-service verifies a token in full once and then remembers it, but remembering never lets a forgery
 * through: every forged variant of a remembered token (its payload altered under the same signature among
 * them) is verified in full and refused, each time.
 */
@QuarkusTest
@QuarkusTestResource(AuthServiceStandIn.class)
class VerifiedTokenMemoryTest {

    @Inject
    MeterRegistry registry;

    @Test
    void aRepeatedTokenIsVerifiedOnceAndEveryForgeryEachTime() {

        UUID me = Profiles.create("Remembered");
        String token = TestTokens.user(me).session(UUID.randomUUID().toString()).sign();
        Map<String, String> forgeries = TestTokens.forgeries(me);
        double before = checks();

        for (int i = 0; i < 10; i++) {
            given().auth().oauth2(token).get("/api/users/me").then().statusCode(200);
        }
        assertThat(checks() - before).as("full verifications of one token used 10 times").isEqualTo(1.0);

        for (int round = 0; round < 2; round++) {
            forgeries.forEach((forgery, forged) -> given().auth().oauth2(forged).get("/api/users/me")
                    .then().statusCode(401));
        }
        given().auth().oauth2(token).get("/api/users/me").then().statusCode(200);
        assertThat(checks() - before).as("full verifications: the token once, each forgery twice")
                .isEqualTo(1.0 + 2 * forgeries.size());
    }

    private double checks() {
        return registry.counter("palisade.token.signature.checks").count();
    }
}
