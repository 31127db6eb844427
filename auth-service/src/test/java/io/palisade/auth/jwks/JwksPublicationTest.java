package io.palisade.auth.jwks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.palisade.auth.support.AuthTestSupport;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Key rotation's first step: the next key is published in the JWKS before it signs anything, beside the
 * signing key, and the document carries public members only.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
@TestProfile(JwksPublicationTest.WithNextKey.class)
class JwksPublicationTest {

    public static class WithNextKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("palisade.auth.signing-key.extra-public-key-files",
                    "../common/src/test/resources/testkeys/next-key.pub.pem");
        }
    }

    @Test
    void theNextKeyIsPublishedBesideTheSigningKeyWithPublicMembersOnly() {
        List<Map<String, Object>> keys = given().get("/.well-known/jwks.json").then().statusCode(200)
                .contentType("application/json").extract().jsonPath().getList("keys");

        assertThat(keys).extracting(k -> k.get("kid")).containsExactlyInAnyOrder(TestTokens.KID, TestTokens.NEXT_KID);
        for (Map<String, Object> key : keys) {
            assertThat(key).containsEntry("kty", "RSA").containsEntry("alg", "RS256").containsEntry("use", "sig")
                    .containsKeys("n", "e")
                    .doesNotContainKeys("d", "p", "q", "dp", "dq", "qi", "oth", "k");
        }
    }

    @Test
    void tokensAreStillSignedWithTheCurrentKey() {
        AuthTestSupport.Credentials registered = AuthTestSupport.register();
        String accessToken = AuthTestSupport.login(registered.email(), registered.password(), null).path("accessToken");
        String header = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[0]), StandardCharsets.UTF_8);
        assertThat(header).contains(TestTokens.KID).doesNotContain(TestTokens.NEXT_KID);
    }
}
