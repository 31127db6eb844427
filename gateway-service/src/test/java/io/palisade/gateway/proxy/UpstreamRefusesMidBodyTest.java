package io.palisade.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.testing.CapturedLog;
import io.palisade.common.testing.TestTokens;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An upstream that refuses a request before reading its body and closes the connection (user-service does so
 * with every upload it has no room for) is answered on the client's side with that refusal (or a 502 when the
 * close overtakes it), and is no error
 * for the gateway's log: in an upload burst it happens to most uploads, and an alert on errors must not fire.
 */
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class UpstreamRefusesMidBodyTest {

    /** The largest body the route takes (the gateway's default limit), sent slowly enough to be refused midway. */
    private static final int BODY = 10 * 1024;

    @Test
    void anUploadRefusedBeforeItsBodyIsReadLogsNoError() throws Exception {
        String token = TestTokens.user(UUID.randomUUID()).sign();
        try (CapturedLog log = CapturedLog.start()) {
            for (int i = 0; i < 5; i++) {
                // The refusal, or a 502 when the stand-in's close reached the gateway as a reset (its unread body
                // bytes make the kernel send one) before the 503 could be read: a race user-service has too.
                assertThat(uploadSlowly(token)).matches("HTTP/1\\.1 50[23] .*");
            }
            Thread.sleep(300);
            assertThat(log.lines()).noneMatch(line -> line.startsWith("Connection was closed")
                    || line.contains("Uncaught exception"));
        }
    }

    /** Sends the body in 1 KiB pieces, as a slow client does, until the answer has come; returns its status line. */
    private static String uploadSlowly(String token) throws IOException, InterruptedException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/orders/refuse HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + BODY + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] piece = new byte[1024];
            for (int sent = 0; sent < BODY && socket.getInputStream().available() == 0; sent += piece.length) {
                try {
                    out.write(piece);
                    out.flush();
                } catch (IOException closedByTheGateway) {
                    break;
                }
                Thread.sleep(30);
            }
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }
}
