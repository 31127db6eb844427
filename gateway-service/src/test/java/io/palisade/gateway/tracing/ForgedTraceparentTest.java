package io.palisade.gateway.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.palisade.common.testing.CapturedSpans;
import io.palisade.gateway.support.RateLimitKeys;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that sends its own {@code traceparent}, {@code tracestate} and {@code baggage}, to pick the trace id,
 * force sampling and smuggle baggage into the services behind the gateway. From an ordinary peer none of it is
 * read or forwarded: the request starts a trace of the gateway's own, and the upstream gets only the gateway's
 * trace context. From the trusted proxy (here 127.0.0.2, also loopback) the same headers are continued.
 */
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
@TestProfile(ForgedTraceparentTest.TracedBehindAProxy.class)
class ForgedTraceparentTest {

    private static final String CHOSEN_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CHOSEN_PARENT = "00f067aa0ba902b7";
    private static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("palisade.request_id");

    public static class TracedBehindAProxy extends CapturedSpans.Traced {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("palisade.gateway.trusted-proxies", "127.0.0.2/32");
            return config;
        }
    }

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @BeforeEach
    void fresh() {
        RateLimitKeys.clear();
        CapturedSpans.EXPORTER.reset();
    }

    @Test
    void aStrangersTraceContextIsNeitherContinuedNorForwarded() throws IOException {
        assertThat(send("127.0.0.1", "/api/catalog/forged-1", "forged-1")).startsWith("HTTP/1.1 200");

        SpanData edge = serverSpan("forged-1");
        assertThat(edge.getTraceId()).isNotEqualTo(CHOSEN_TRACE);
        assertThat(edge.getParentSpanContext().isValid()).isFalse();
        assertThat(edge.getName()).isEqualTo("GET /api/catalog/**");

        Upstreams.Received received = Upstreams.last("/api/catalog/forged-1");
        assertThat(received.headers().getAll("traceparent")).singleElement().asString()
                .startsWith("00-" + edge.getTraceId() + "-");
        assertThat(received.headers().get("tracestate")).isNull();
        assertThat(received.headers().get("baggage")).isNull();
    }

    @Test
    void theTrustedProxysTraceContextIsContinued() throws IOException {
        assertThat(send("127.0.0.2", "/api/catalog/proxied-1", "proxied-1")).startsWith("HTTP/1.1 200");

        SpanData edge = serverSpan("proxied-1");
        assertThat(edge.getTraceId()).isEqualTo(CHOSEN_TRACE);
        assertThat(edge.getParentSpanId()).isEqualTo(CHOSEN_PARENT);

        Upstreams.Received received = Upstreams.last("/api/catalog/proxied-1");
        assertThat(received.headers().getAll("traceparent")).singleElement().asString()
                .startsWith("00-" + CHOSEN_TRACE + "-");
        assertThat(received.headers().get("baggage")).contains("role=admin");
    }

    private static SpanData serverSpan(String requestId) {
        List<SpanData> spans = CapturedSpans.awaitUntil(all -> all.stream().anyMatch(span -> isServer(span, requestId)));
        return spans.stream().filter(span -> isServer(span, requestId)).findFirst().orElseThrow();
    }

    private static boolean isServer(SpanData span, String requestId) {
        return span.getKind() == SpanKind.SERVER && requestId.equals(span.getAttributes().get(REQUEST_ID));
    }

    /** One GET from {@code localAddress}, carrying a chosen trace context; the status line and headers back. */
    private String send(String localAddress, String path, String requestId) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "X-Request-Id: " + requestId + "\r\n"
                    + "traceparent: 00-" + CHOSEN_TRACE + "-" + CHOSEN_PARENT + "-01\r\n"
                    + "tracestate: attacker=1\r\nbaggage: role=admin\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
