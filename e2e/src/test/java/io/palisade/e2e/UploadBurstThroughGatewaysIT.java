package io.palisade.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An upload burst spread over three gateway replicas: each replica forwards within its own connection pool, so
 * together they hand user-service three times as many bodies at once as one would. user-service (with the
 * pods' 256 MiB heap, which ends the process when it runs out) admits uploads before reading their bodies, so
 * it stays up whatever the number of gateways.
 */
@ExtendWith(PalisadeSuite.class)
class UploadBurstThroughGatewaysIT {

    private static final int ACCOUNTS = 6;
    private static final int UPLOADS_EACH = 80;

    @Test
    void sixAccountsTimesEightyUploadsThroughThreeGatewaysLeaveUserServiceUp() throws Exception {
        PalisadeSuite.Running suite = PalisadeSuite.get();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            Accounts.Account account = Accounts.register("Burst " + i);
            tokens.add(Accounts.login(account).accessToken());
        }
        int secondPort = PalisadeSuite.freePort();
        int thirdPort = PalisadeSuite.freePort();
        ManagedProcess second = suite.extraGateway("gateway-upload-2", Map.of(), secondPort, PalisadeSuite.freePort());
        ManagedProcess third = suite.extraGateway("gateway-upload-3", Map.of(), thirdPort, PalisadeSuite.freePort());
        try {
            List<String> gateways = List.of(suite.gateway(), "http://127.0.0.1:" + secondPort,
                    "http://127.0.0.1:" + thirdPort);
            byte[] body = largestBody();
            // In one CI run the gateways logged 11 uploads that this client abandoned within 200 ms of starting them,
            // counted below as lost. Its connect timeout, served by the one selector thread that also pushes the
            // 480 MiB, is the likely cause: it waits 60 s to connect, as long as the burst may take.
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(60)).build();
            List<CompletableFuture<Integer>> uploads = new ArrayList<>();
            for (int i = 0; i < ACCOUNTS * UPLOADS_EACH; i++) {
                HttpRequest upload = HttpRequest.newBuilder(URI.create(gateways.get(i % gateways.size())
                                + "/api/users/me/avatar"))
                        .timeout(Duration.ofSeconds(90))
                        .header("Authorization", "Bearer " + tokens.get(i % ACCOUNTS))
                        .header("Content-Type", "image/png")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                uploads.add(client.sendAsync(upload, HttpResponse.BodyHandlers.discarding())
                        .thenApply(HttpResponse::statusCode).exceptionally(failed -> -1));
            }
            List<Integer> statuses = uploads.stream().map(CompletableFuture::join).toList();

            // Every answer that came is a 204 or a 503. A handful of uploads (up to 4%) lose user-service's early
            // 503 to a closing connection: the client's own connection, when it is still sending as the gateway
            // closes after draining (-1), or the gateway's upstream connection, when user-service's close arrives
            // as a reset that discards the 503 before the gateway read it (the gateway then answers 502). Or an
            // admitted upload, whose megabyte trickles in behind the burst's others on a machine this busy, is
            // stored after the gateway's 10 s response timeout (504: seen once on CI, at 10,010 ms).
            assertThat(statuses).as("%s", statuses)
                    .allMatch(s -> s == 204 || s == 503 || s == -1 || s == 502 || s == 504);
            assertThat(statuses.stream().filter(s -> s == -1 || s == 502 || s == 504).count()).as("%s", statuses)
                    .isLessThanOrEqualTo(statuses.size() / 25);
            assertThat(statuses).contains(204);
            given().baseUri("http://127.0.0.1:" + suite.userManagementPort).get("/q/health/live").then().statusCode(200);
            for (String gateway : gateways) {
                given().baseUri(gateway).header("Authorization", "Bearer " + tokens.get(0)).get("/api/users/me")
                        .then().statusCode(200);
            }
        } finally {
            second.stop(Duration.ofSeconds(10));
            third.stop(Duration.ofSeconds(10));
        }
    }

    /** A valid PNG padded with trailing bytes to the 1 MiB limit: every body costs the most memory allowed. */
    private static byte[] largestBody() throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(512, 512, BufferedImage.TYPE_INT_RGB), "png", png);
        return Arrays.copyOf(png.toByteArray(), 1024 * 1024);
    }
}
