package io.palisade.user.avatar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.palisade.common.testing.Concurrently;
import io.palisade.user.support.AuthServiceStandIn;
import io.palisade.user.support.Pngs;
import io.palisade.user.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Decoding is where an upload costs memory. A small PNG can declare a raster of hundreds of MiB; the largest
 * one allowed, uploaded many times at once, must neither exhaust the heap (the IT reruns this on the packaged
 * build with the pods' -Xmx256m) nor stop the service answering.
 */
@QuarkusTest
@QuarkusTestResource(AuthServiceStandIn.class)
class AvatarMemoryTest {

    /** 4096 x 4096 x 4 bands x 2 bytes: 128 MiB of raster, from an upload of about 130 KB. */
    private static final byte[] OVER_THE_RASTER_BOUND = Pngs.blank(4096, 4096, 16, Pngs.RGBA);
    /** 4096 x 4096 x 4 bands x 1 byte: exactly 64 MiB, the largest raster allowed. */
    private static final byte[] LARGEST_ALLOWED = Pngs.blank(4096, 4096, 8, Pngs.RGBA);

    @Test
    void aRasterOverSixtyFourMebibytesIsA400BeforeDecoding() {
        UUID me = Profiles.create("Bomb");
        assertThat(OVER_THE_RASTER_BOUND.length).isLessThan(1024 * 1024);
        Profiles.as(me).contentType("image/png").body(OVER_THE_RASTER_BOUND).put("/api/users/me/avatar").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].message", containsString("64 MiB"));
        Profiles.as(me).get("/api/users/" + me + "/avatar").then().statusCode(404);
    }

    @Test
    void theLargestAllowedImageIsStoredAtAvatarSize() throws IOException {
        UUID me = Profiles.create("Large");
        Profiles.as(me).contentType("image/png").body(LARGEST_ALLOWED).put("/api/users/me/avatar").then().statusCode(204);

        byte[] served = Profiles.as(me).get("/api/users/" + me + "/avatar").then().statusCode(200).extract().asByteArray();
        assertThat(ImageIO.read(new ByteArrayInputStream(served)).getWidth()).isEqualTo(ImageSanitizer.STORED_SIDE);
    }

    @Test
    void aBurstOfWorstCaseUploadsGets204Or503AndTheServiceKeepsAnswering() {
        List<UUID> uploaders = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            uploaders.add(Profiles.create("Burst " + i));
        }
        List<Integer> statuses = Concurrently.run(uploaders.size(), i -> Profiles.as(uploaders.get(i))
                .contentType("image/png").body(i % 2 == 0 ? LARGEST_ALLOWED : OVER_THE_RASTER_BOUND)
                .put("/api/users/me/avatar").statusCode());

        assertThat(statuses).as("%s", statuses).allMatch(s -> s == 204 || s == 400 || s == 503);
        assertThat(statuses).as("%s", statuses).contains(503);
        Profiles.as(uploaders.get(0)).get("/api/users/me").then().statusCode(200);
    }
}
