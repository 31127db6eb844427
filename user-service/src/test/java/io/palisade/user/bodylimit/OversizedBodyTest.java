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
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * user-service holds API.md's body limits itself, not only behind the gateway: a declared body over its
 * route's limit is a 413 problem that changes nothing, and bodies within it arrive intact, chunked or not.
 */
@QuarkusTest
@QuarkusTestResource(AuthServiceStandIn.class)
class OversizedBodyTest {

    private static final int KIB = 1024;

    @Test
    void aDeclaredBodyOverTenKibIsA413Problem() {
        UUID me = Profiles.create("Declared");
        Profiles.as(me).contentType("application/json").body(JsonBodies.paddedObject(20 * KIB))
                .patch("/api/users/me")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:palisade:problem:payload-too-large"));
        Profiles.as(me).get("/api/users/me").then().body("displayName", equalTo("Declared"));
    }

    @Test
    void aRefusedBodyDoesNotKeepTheConnectionReading() {
        UUID me = Profiles.create("Endless");
        long sent = RawHttp.bytesSentBeforeClose(RestAssured.port, "PATCH", "/api/users/me", 256L * KIB * KIB,
                "Content-Type: application/json", "Authorization: Bearer " + TestTokens.user(me).sign());

        assertThat(sent).as("bytes sent before the server closed the connection (-1: it read all 256 MiB)")
                .isNotNegative();
    }

    @Test
    void aChunkedAvatarWellOverTenKibArrivesIntact() throws IOException {
        UUID me = Profiles.create("Chunked photo");
        byte[] png = noise(120, 120);
        assertThat(png.length).as("bigger than the 10 KiB default limit").isGreaterThan(10 * KIB);

        assertThat(chunked(me, "PUT", "/api/users/me/avatar", "image/png", png).status()).isEqualTo(204);
    }

    @Test
    void aChunkedBodyWithinTheLimitIsServed() {
        UUID me = Profiles.create("Before");
        byte[] patch = "{\"displayName\":\"After\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(chunked(me, "PATCH", "/api/users/me", "application/json", patch).status()).isEqualTo(200);
        Profiles.as(me).get("/api/users/me").then().body("displayName", equalTo("After"));
    }

    @Test
    void aChunkedBodyOverItsRoutesLimitIsA413ProblemOnEveryRouteAndChangesNothing() {
        UUID me = Profiles.create("Unchanged");
        RawHttp.Answer patch = chunked(me, "PATCH", "/api/users/me", "application/json",
                JsonBodies.padded("{\"displayName\":\"Changed\"}", 10 * KIB + 1));
        assertThat(patch.status()).isEqualTo(413);
        assertThat(patch.header("Content-Type")).startsWith("application/problem+json");
        Profiles.as(me).get("/api/users/me").then().body("displayName", equalTo("Unchanged"));

        UUID newcomer = UUID.randomUUID();
        RawHttp.Answer internal = RawHttp.chunked(RestAssured.port, "PUT", "/internal/profiles/" + newcomer,
                JsonBodies.padded("{\"email\":\"n@palisade.test\",\"displayName\":\"N\"}", 10 * KIB + 1),
                "Content-Type: application/json", "Authorization: Bearer " + TestTokens.service("user-service").sign());
        assertThat(internal.status()).isEqualTo(413);
        Profiles.asAdmin().get("/api/users/" + newcomer).then().statusCode(404);

        byte[] avatar = new byte[KIB * KIB + 1];
        avatar[0] = (byte) 0x89;
        RawHttp.Answer upload = chunked(me, "PUT", "/api/users/me/avatar", "image/png", avatar);
        assertThat(upload.status()).isEqualTo(413);
        assertThat(upload.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void aChunkedBodyOfExactlyTheLimitArrivesIntact() {
        UUID me = Profiles.create("Before");
        byte[] patch = JsonBodies.padded("{\"displayName\":\"Exactly ten KiB\"}", 10 * KIB);

        assertThat(chunked(me, "PATCH", "/api/users/me", "application/json", patch).status()).isEqualTo(200);
        Profiles.as(me).get("/api/users/me").then().body("displayName", equalTo("Exactly ten KiB"));
    }

    /** A PNG of random pixels, which compresses badly and so stays large. */
    private static byte[] noise(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static RawHttp.Answer chunked(UUID user, String method, String path, String type, byte[] body) {
        return RawHttp.chunked(RestAssured.port, method, path, body, "Content-Type: " + type,
                "Authorization: Bearer " + TestTokens.user(user).sign());
    }
}
