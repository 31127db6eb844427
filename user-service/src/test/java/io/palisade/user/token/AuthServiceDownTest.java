package io.palisade.user.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.testing.TestTokens;
import io.palisade.user.support.JwksStandIn;
import io.palisade.user.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Verification does not depend on auth-service answering: a flood of unknown kids does not turn every request
 * into a JWKS call, and once the keys are cached, tokens keep verifying while the JWKS endpoint refuses
 * connections.
 */
@QuarkusTest
@QuarkusTestResource(value = JwksStandIn.class, restrictToAnnotatedClass = true)
class AuthServiceDownTest {

    private static final int FLOOD = 20;

    @AfterEach
    void authServiceBack() {
        JwksStandIn.down = false;
    }

    @Test
    void refetchesTheKeysAtMostOnceForAFloodOfUnknownKids() {
        UUID me = Profiles.create("Flooded");
        Profiles.as(me).get("/api/users/me").then().statusCode(200);
        int before = JwksStandIn.FETCHES.get();

        for (int i = 0; i < FLOOD; i++) {
            given().auth().oauth2(TestTokens.user(me).kid("flood-" + i).sign()).get("/api/users/me")
                    .then().statusCode(401).contentType("application/problem+json");
        }

        // smallrye.jwt.jwks.forced-refresh-interval: at most one refetch a minute for unknown kids.
        assertThat(JwksStandIn.FETCHES.get() - before).isLessThanOrEqualTo(1);
    }

    @Test
    void keepsVerifyingWithCachedKeysWhileTheJwksIsDown() {
        UUID me = Profiles.create("Cached");
        Profiles.as(me).get("/api/users/me").then().statusCode(200);

        JwksStandIn.down = true;

        for (int i = 0; i < FLOOD; i++) {
            Profiles.as(me).get("/api/users/me").then().statusCode(200);
            given().auth().oauth2(TestTokens.user(me).kid("down-" + i).sign()).get("/api/users/me")
                    .then().statusCode(401).contentType("application/problem+json");
        }
    }
}
