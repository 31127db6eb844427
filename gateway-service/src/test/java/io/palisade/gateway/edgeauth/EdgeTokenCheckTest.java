package io.palisade.gateway.edgeauth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.palisade.common.testing.AttackerKeys;
import io.palisade.common.testing.TestTokens;
import io.palisade.gateway.support.RateLimitKeys;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway verifies tokens on /api/users/** itself: a forged one never reaches user-service. */
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class EdgeTokenCheckTest {

    @BeforeEach
    void fullBuckets() {
        RateLimitKeys.clear();
    }

    @Test
    void forgedOrMissingTokensAreRefusedAtTheEdge() {
        UUID victim = UUID.randomUUID();
        List<String> forged = new java.util.ArrayList<>(TestTokens.forgeries(victim).values());
        forged.add(TestTokens.service("user-service").subject(victim.toString()).sign());
        forged.add("not-a-jwt");
        int before = Upstreams.RECEIVED.size();
        int attackerRequests = AttackerKeys.requests();
        for (String token : forged) {
            given().auth().oauth2(token).get("/api/users/" + victim).then().statusCode(401)
                    .contentType("application/problem+json").header("WWW-Authenticate", equalTo("Bearer error=\"invalid_token\""));
        }
        given().get("/api/users/" + victim).then().statusCode(401).header("WWW-Authenticate", equalTo("Bearer"));
        assertThat(Upstreams.RECEIVED.subList(before, Upstreams.RECEIVED.size()))
                .noneMatch(r -> r.path().contains(victim.toString()));
        assertThat(AttackerKeys.requests()).as("requests to the attacker's key server").isEqualTo(attackerRequests);
    }

    @Test
    void aGenuineTokenPasses() {
        UUID me = UUID.randomUUID();
        given().auth().oauth2(TestTokens.user(me).sign()).get("/api/users/" + me).then().statusCode(200);
    }

    @Test
    void authRoutesNeedNoToken() {
        given().contentType("application/json").body("{}").post("/api/auth/refresh").then().statusCode(200)
                .body("upstream", equalTo("auth"));
        given().get("/.well-known/jwks.json").then().statusCode(200).body("upstream", equalTo("auth"));
    }
}
