package io.palisade.user.bodylimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.palisade.common.testing.JsonBodies;
import io.palisade.common.testing.RawHttp;
import io.palisade.common.testing.TestTokens;
import io.palisade.user.support.AuthServiceStandIn;
import io.palisade.user.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A body over its route's limit is a 413 problem whether it declares its length or not (API.md "Errors"):
 * user-service holds the limits itself, not only behind the gateway.
 */
@QuarkusTest
@QuarkusTestResource(AuthServiceStandIn.class)
class OversizedBodyTest {

    private static final int KIB = 1024;
    private static final byte[] TWENTY_KIB = JsonBodies.paddedObject(20 * KIB);

    @Test
    void aDeclaredBodyOverTenKibIsA413Problem() {
        UUID me = Profiles.create("Declared");
        Profiles.as(me).contentType("application/json").body(TWENTY_KIB).patch("/api/users/me")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:palisade:problem:payload-too-large"));
        Profiles.as(me).get("/api/users/me").then().body("displayName", equalTo("Declared"));
    }

    @Test
    void aChunkedBodyOverTenKibIsA413Problem() {
        UUID me = Profiles.create("Chunked");
        RawHttp.Answer answer = chunked(me, "PATCH", "/api/users/me", "application/json", TWENTY_KIB);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        Profiles.as(me).get("/api/users/me").then().body("displayName", equalTo("Chunked"));
    }

    @Test
    void aChunkedAvatarOverOneMibIsA413Problem() {
        UUID me = Profiles.create("Chunked avatar");
        byte[] big = new byte[KIB * KIB + 1];
        big[0] = (byte) 0x89;

        RawHttp.Answer answer = chunked(me, "PUT", "/api/users/me/avatar", "image/png", big);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void aChunkedBodyWithinTheLimitIsServed() {
        UUID me = Profiles.create("Before");
        byte[] patch = "{\"displayName\":\"After\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(chunked(me, "PATCH", "/api/users/me", "application/json", patch).status()).isEqualTo(200);
        Profiles.as(me).get("/api/users/me").then().body("displayName", equalTo("After"));
    }

    private static RawHttp.Answer chunked(UUID user, String method, String path, String type, byte[] body) {
        return RawHttp.chunked(RestAssured.port, method, path, body, "Content-Type: " + type,
                "Authorization: Bearer " + TestTokens.user(user).sign());
    }
}
