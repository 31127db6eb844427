package io.palisade.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An OTLP/HTTP trace receiver, as a collector is to the services: it takes {@code POST /v1/traces} in protobuf,
 * as Quarkus exports with {@code protocol=http/protobuf}, and keeps the newest spans (bounded, for a whole
 * suite's traffic) with the service that sent each. Its opentelemetry-proto is the newest whose generated code
 * the BOM's protobuf runtime accepts (1.9: protobuf 4.33).
 */
final class OtlpReceiver implements AutoCloseable {

    private static final int KEPT = 50_000;

    /** One received span, ids in lower-case hex as in a traceparent. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
            Span.SpanKind kind, Map<String, String> attributes) {
    }

    private final HttpServer server;
    private final Deque<ReceivedSpan> spans = new ArrayDeque<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        OtlpReceiver receiver = new OtlpReceiver(server);
        server.createContext("/v1/traces", receiver::receive);
        server.start();
        return receiver;
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every kept span of {@code traceId}. */
    synchronized List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    /** Kept spans whose attribute {@code key} is {@code value}. */
    synchronized List<ReceivedSpan> withAttribute(String key, String value) {
        return spans.stream().filter(span -> value.equals(span.attributes().get(key))).toList();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            ExportTraceServiceRequest request;
            try {
                request = ExportTraceServiceRequest.parseFrom(body);
            } catch (IOException | RuntimeException | LinkageError unreadable) {
                // Said loudly: a receiver that cannot read the exports would fail the trace tests without a reason.
                System.err.println("OTLP receiver: an export it could not read: " + unreadable);
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
                String service = attributes(resourceSpans.getResource()).getOrDefault("service.name", "unknown");
                for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
                    scope.getSpansList().forEach(span -> keep(service, span));
                }
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        }
    }

    private synchronized void keep(String service, Span span) {
        HexFormat hex = HexFormat.of();
        spans.addLast(new ReceivedSpan(service, hex.formatHex(span.getTraceId().toByteArray()),
                hex.formatHex(span.getSpanId().toByteArray()), hex.formatHex(span.getParentSpanId().toByteArray()),
                span.getName(), span.getKind(), attributes(span.getAttributesList())));
        while (spans.size() > KEPT) {
            spans.removeFirst();
        }
    }

    private static Map<String, String> attributes(Resource resource) {
        return attributes(resource.getAttributesList());
    }

    private static Map<String, String> attributes(List<KeyValue> values) {
        return values.stream().collect(Collectors.toMap(KeyValue::getKey,
                value -> value.getValue().hasStringValue() ? value.getValue().getStringValue()
                        : value.getValue().toString().strip(), (first, second) -> second));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
