package io.palisade.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.palisade.e2e.OtlpReceiver.ReceivedSpan;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The packaged services export over OTLP/HTTP to a receiver, as to a collector: one request through the gateway
 * is one trace, from the gateway's server span through its upstream call to user-service and on to PostgreSQL,
 * each span the child of the one before. A {@code traceparent} the client chose is not continued from an
 * ordinary peer, and is from the proxy the gateway trusts.
 */
@ExtendWith(PalisadeSuite.class)
class OneTraceAcrossTheSuiteIT {

    private static final String CHOSEN_TRACE = "5af7651916cd43dd8448eb211c80319c";
    private static final String CHOSEN_PARENT = "b7ad6b7169203331";

    @Test
    void oneRequestIsOneTraceFromTheEdgeToTheDatabase() throws IOException {
        Accounts.Session session = Accounts.login(Accounts.register("Traced"));

        assertThat(get("127.0.0.1", "/api/users/me", session.accessToken(), "e2e-traced")).startsWith("HTTP/1.1 200");

        ReceivedSpan edge = awaitEdgeSpan("e2e-traced");
        assertThat(edge.traceId()).as("a trace of the gateway's own, not the client's").isNotEqualTo(CHOSEN_TRACE);
        assertThat(edge.parentSpanId()).isEmpty();
        assertThat(edge.name()).isEqualTo("GET /api/users/**");

        ReceivedSpan database = await().atMost(Duration.ofSeconds(15)).until(
                () -> PalisadeSuite.get().traces().trace(edge.traceId()).stream()
                        .filter(span -> "user-service".equals(span.service()) && span.attributes().containsKey("db.statement"))
                        .findFirst().orElse(null), span -> span != null);
        List<ReceivedSpan> trace = PalisadeSuite.get().traces().trace(edge.traceId());
        ReceivedSpan service = parentOf(database, trace);
        assertThat(service.service()).isEqualTo("user-service");
        assertThat(service.kind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
        assertThat(service.name()).isEqualTo("GET /api/users/me");
        assertThat(service.attributes()).containsEntry("palisade.request_id", "e2e-traced")
                .containsEntry("palisade.account_id", edge.attributes().get("palisade.account_id"));
        ReceivedSpan hop = parentOf(service, trace);
        assertThat(hop.service()).isEqualTo("gateway-service");
        assertThat(hop.kind()).isEqualTo(SpanKind.SPAN_KIND_CLIENT);
        assertThat(parentOf(hop, trace)).isEqualTo(edge);
        assertThat(trace).as("the rate limit's Redis call, in the same trace")
                .anySatisfy(span -> assertThat(span.attributes()).containsEntry("db.system", "redis"));
        assertThat(trace).allSatisfy(span -> assertThat(span.attributes().values()).noneMatch(
                value -> value.contains(session.accessToken())));
    }

    @Test
    void onlyTheTrustedProxyMayContinueAClientsTrace() throws IOException {
        Accounts.Session session = Accounts.login(Accounts.register("Proxied"));

        get(PalisadeSuite.TRUSTED_PROXY, "/api/users/me", session.accessToken(), "e2e-proxied");

        ReceivedSpan edge = awaitEdgeSpan("e2e-proxied");
        assertThat(edge.traceId()).isEqualTo(CHOSEN_TRACE);
        assertThat(edge.parentSpanId()).isEqualTo(CHOSEN_PARENT);
        await().atMost(Duration.ofSeconds(15)).until(() -> PalisadeSuite.get().traces().trace(CHOSEN_TRACE).stream()
                .anyMatch(span -> "user-service".equals(span.service())));
    }

    private static ReceivedSpan awaitEdgeSpan(String requestId) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> PalisadeSuite.get().traces()
                .withAttribute("palisade.request_id", requestId).stream()
                .filter(span -> "gateway-service".equals(span.service()) && span.kind() == SpanKind.SPAN_KIND_SERVER)
                .findFirst().orElse(null), span -> span != null);
    }

    private static ReceivedSpan parentOf(ReceivedSpan child, List<ReceivedSpan> trace) {
        return trace.stream().filter(span -> span.spanId().equals(child.parentSpanId())).findFirst()
                .orElseThrow(() -> new AssertionError("no parent of " + child + " in " + trace));
    }

    /** A GET through the gateway from {@code localAddress}, carrying a trace context the caller chose. */
    private static String get(String localAddress, String path, String accessToken, String requestId) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", PalisadeSuite.get().gatewayPort), 5_000);
            socket.setSoTimeout(10_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Authorization: Bearer " + accessToken + "\r\nX-Request-Id: " + requestId + "\r\n"
                    + "traceparent: 00-" + CHOSEN_TRACE + "-" + CHOSEN_PARENT + "-01\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
