package io.palisade.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.testing.CapturedLog;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A client that hangs up while its answer is still streaming is the most ordinary event at an edge (a closed tab,
 * a phone leaving coverage, a load test ending): the gateway stops relaying and resets the upstream, and logs no
 * error for it, so that an operator's alert on errors stays meaningful.
 */
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class ClientGoneMidAnswerTest {

    @Test
    void aClientThatHangsUpMidAnswerLogsNoError() throws Exception {
        try (CapturedLog log = CapturedLog.start()) {
            for (int i = 0; i < 40; i++) {
                hangUpMidAnswer();
            }
            Thread.sleep(300);
            assertThat(log.lines()).noneMatch(line -> line.contains("Uncaught exception")
                    || line.contains("already been written"));
        }
    }

    private static void hangUpMidAnswer() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            // Gone as a client that is killed goes: a reset, not a polite close, while the answer still streams.
            socket.setSoLinger(true, 0);
            socket.getOutputStream().write(("GET /api/slow/stream HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            long read = 0;
            while (read < 4096) {
                int n = in.read(buffer);
                assertThat(n).as("the answer streams").isPositive();
                read += n;
            }
        }
    }
}
