package io.palisade.user.avatar;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.testing.CapturedLog;
import io.palisade.common.testing.TestTokens;
import io.palisade.user.support.AuthServiceStandIn;
import io.palisade.user.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An admitted upload holds a place in the budget of bodies in flight until its answer; a client that sends its
 * body a byte at a time would hold that place for as long as the connection lives. The test profile gives a
 * body 8 s to arrive (long enough for the bursts of the other tests on a loaded machine). A client that hangs up
 * midway (a cancelled upload, a gateway resetting its upstream) is ordinary, and no error in the log.
 */
@QuarkusTest
@QuarkusTestResource(AuthServiceStandIn.class)
class TricklingUploadTest {

    @Test
    void anUploadWhoseBodyTricklesIsCutOffWith408AndItsConnectionClosed() throws IOException {
        UUID me = Profiles.create("Slow");
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            sendPart(socket, me, 100);
            long started = System.nanoTime();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            in.transferTo(received);

            String answer = received.toString(StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 408").contains("urn:palisade:problem:request-timeout");
            assertThat((System.nanoTime() - started) / 1_000_000).isBetween(7_000L, 15_000L);
        }
    }

    @Test
    void anUploadWhoseClientHangsUpMidBodyLogsNoError() throws Exception {
        UUID me = Profiles.create("Gone");
        try (CapturedLog log = CapturedLog.start()) {
            for (int i = 0; i < 3; i++) {
                try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
                    // Gone as a killed client or a gateway resetting its upstream goes: a reset, mid body.
                    socket.setSoLinger(true, 0);
                    sendPart(socket, me, 50_000);
                    Thread.sleep(200);
                }
            }
            Thread.sleep(500);
            assertThat(log.lines()).noneMatch(line -> line.contains("unexpected failure"));
        }
    }

    /** The head of a 100,000-byte avatar upload by {@code me}, and the first {@code bytes} of its body. */
    private static void sendPart(Socket socket, UUID me, int bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("PUT /api/users/me/avatar HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\n"
                + "Authorization: Bearer " + TestTokens.user(me).sign() + "\r\nContent-Length: 100000\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(new byte[bytes]);
        out.flush();
    }
}
