package io.palisade.user.avatar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.palisade.user.support.AuthServiceStandIn;
import io.palisade.user.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(AuthServiceStandIn.class)
class AvatarAttackTest {

    @Test
    void aPngIsReEncodedAndServedSafely() throws IOException {
        UUID me = Profiles.create("Pixel");
        Profiles.as(me).contentType("image/png").body(image("png", 40, 30)).put("/api/users/me/avatar").then().statusCode(204);

        byte[] served = Profiles.as(me).get("/api/users/" + me + "/avatar").then().statusCode(200)
                .contentType("image/png")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "inline; filename=\"avatar.png\"")
                .header("Cache-Control", "private")
                .extract().asByteArray();
        assertThat(ImageIO.read(new ByteArrayInputStream(served)).getWidth()).isEqualTo(40);
        Profiles.as(me).get("/api/users/me").then().body("avatarUrl", equalTo("/api/users/" + me + "/avatar"));
        Profiles.asAdmin().get("/api/users/" + me + "/avatar").then().statusCode(200);
    }

    @Test
    void aJpegIsAcceptedToo() throws IOException {
        UUID me = Profiles.create("Photo");
        Profiles.as(me).contentType("image/jpeg").body(image("jpeg", 16, 16)).put("/api/users/me/avatar").then().statusCode(204);
        Profiles.as(me).get("/api/users/" + me + "/avatar").then().statusCode(200).contentType("image/jpeg")
                .header("Content-Disposition", "inline; filename=\"avatar.jpg\"");
    }

    @Test
    void aTrailingScriptPayloadIsGoneAfterReEncoding() throws IOException {
        UUID me = Profiles.create("Polyglot");
        byte[] png = image("png", 8, 8);
        byte[] payload = "<script>alert(document.cookie)</script>".getBytes(StandardCharsets.UTF_8);
        byte[] polyglot = ByteBuffer.allocate(png.length + payload.length).put(png).put(payload).array();

        Profiles.as(me).contentType("image/png").body(polyglot).put("/api/users/me/avatar").then().statusCode(204);

        byte[] served = Profiles.as(me).get("/api/users/" + me + "/avatar").then().statusCode(200).extract().asByteArray();
        assertThat(new String(served, StandardCharsets.ISO_8859_1)).doesNotContain("<script>");
    }

    @Test
    void wrongMagicBytesAreA400() {
        UUID me = Profiles.create("Liar");
        Profiles.as(me).contentType("image/png").body("GIF89a not a png at all".getBytes(StandardCharsets.US_ASCII))
                .put("/api/users/me/avatar").then().statusCode(400).contentType("application/problem+json");
        Profiles.as(me).get("/api/users/" + me + "/avatar").then().statusCode(404);
    }

    @Test
    void aDeclaredTypeThatIsNotTheRealTypeIsA400() throws IOException {
        UUID me = Profiles.create("Mislabel");
        Profiles.as(me).contentType("image/jpeg").body(image("png", 8, 8)).put("/api/users/me/avatar").then().statusCode(400);
        Profiles.as(me).contentType("image/png").body(image("jpeg", 8, 8)).put("/api/users/me/avatar").then().statusCode(400);
    }

    @Test
    void anotherTypeIsA415() {
        UUID me = Profiles.create("Gif");
        Profiles.as(me).contentType("image/gif").body(new byte[] {'G', 'I', 'F', '8', '9', 'a'})
                .put("/api/users/me/avatar").then().statusCode(415).contentType("application/problem+json");
        Profiles.as(me).contentType("image/svg+xml").body("<svg/>").put("/api/users/me/avatar").then().statusCode(415);
    }

    @Test
    void aHugeDimensionHeaderIsRefusedBeforeDecoding() {
        UUID me = Profiles.create("Bomb");
        // Refused for its dimensions, read from the header: the upload has no pixel data to decode at all.
        Profiles.as(me).contentType("image/png").body(pngHeaderClaiming(100_000, 100_000))
                .put("/api/users/me/avatar").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].message", containsString("4096x4096"));
    }

    @Test
    void aBodyOverOneMebibyteIsA413() {
        UUID me = Profiles.create("Big");
        byte[] big = new byte[1024 * 1024 + 1];
        big[0] = (byte) 0x89;
        Profiles.as(me).contentType("image/png").body(big).put("/api/users/me/avatar").then().statusCode(413);
    }

    private static byte[] image(String format, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0x00ff00);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    /** A PNG signature and a valid IHDR chunk announcing huge dimensions, and no pixel data at all. */
    private static byte[] pngHeaderClaiming(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        return ByteBuffer.allocate(8 + 4 + 17 + 4)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                .putInt(13).put(ihdr.array()).putInt((int) crc.getValue()).array();
    }
}
