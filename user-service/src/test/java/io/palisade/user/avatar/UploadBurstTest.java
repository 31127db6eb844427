package io.palisade.user.avatar;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.testing.TestTokens;
import io.palisade.user.support.AuthServiceStandIn;
import io.palisade.user.support.Pngs;
import io.palisade.user.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * An upload burst aims at the heap: every body the service reads before it knows it has room for it is memory
 * an attacker chose. These uploads are the worst valid ones (the 1 MiB limit, holding the largest raster
 * allowed), fired at once; the IT fires them at the packaged build with the pods' -Xmx256m, where running out
 * of memory ends the process.
 */
@QuarkusTest
@QuarkusTestResource(AuthServiceStandIn.class)
class UploadBurstTest {

    private static final int ONE_MIB = 1024 * 1024;
    private static final byte[] WORST_CASE = Pngs.padded(Pngs.blank(4096, 4096, 8, Pngs.RGBA), ONE_MIB);

    @Test
    void fourHundredConcurrentMaximumUploadsGet204Or503AndTheServiceKeepsAnswering() {
        List<UUID> uploaders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            uploaders.add(Profiles.create("Burst " + i));
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<CompletableFuture<Integer>> uploads = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            HttpRequest upload = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/users/me/avatar"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + TestTokens.user(uploaders.get(i % uploaders.size())).sign())
                    .header("Content-Type", "image/png")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(WORST_CASE)).build();
            uploads.add(client.sendAsync(upload, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode)
                    .exceptionally(failed -> -1));
        }
        List<Integer> statuses = uploads.stream().map(CompletableFuture::join).toList();

        assertThat(statuses).as("%s", statuses).allMatch(s -> s == 204 || s == 503);
        assertThat(statuses).contains(204, 503);
        Profiles.as(uploaders.get(0)).get("/api/users/me").then().statusCode(200);
    }

    @Test
    void theNinthUploadInFlightIsRefusedBeforeItsBodyIsReadAndAbandonedUploadsGiveTheirPlaceBack()
            throws IOException {
        UUID me = Profiles.create("Trickler");
        List<Socket> held = new ArrayList<>();
        String refusal = null;
        try {
            // Each upload sends its head and the first KiB of its body, then waits: while admitted, it holds a
            // place and hears nothing; the first one that finds no room is answered at once.
            while (refusal == null && held.size() <= 20) {
                Socket socket = new Socket("127.0.0.1", RestAssured.port);
                held.add(socket);
                socket.setSoTimeout(500);
                OutputStream out = socket.getOutputStream();
                out.write(head(me).getBytes(StandardCharsets.ISO_8859_1));
                out.write(WORST_CASE, 0, 1024);
                out.flush();
                try {
                    refusal = statusLine(socket.getInputStream());
                } catch (SocketTimeoutException admitted) {
                    // Still reading its body: it holds a place.
                }
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        assertThat(refusal).startsWith("HTTP/1.1 503");
        assertThat(held).as("uploads sent, the last one refused").hasSize(9);

        // The abandoned uploads' places come back without waiting for any timeout.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int status;
        do {
            status = Profiles.as(me).contentType("image/png").body(WORST_CASE).put("/api/users/me/avatar").statusCode();
        } while (status == 503 && System.nanoTime() < deadline);
        assertThat(status).isEqualTo(204);
    }

    private static String head(UUID user) {
        return "PUT /api/users/me/avatar HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\n"
                + "Authorization: Bearer " + TestTokens.user(user).sign() + "\r\nContent-Length: " + ONE_MIB + "\r\n\r\n";
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != -1 && c != '\n'; ) {
            line.append((char) c);
        }
        return line.toString();
    }

    private static String baseUrl() {
        return "http://127.0.0.1:" + RestAssured.port;
    }
}
