package io.palisade.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Every span a service under test finished, exported in memory as its OTLP exporter would have been. A
 * service's tests export to {@link #EXPORTER} (see {@code CapturedSpansExporter}); the {@link Traced} profile then
 * records every trace (without it, no endpoint is set and nothing is sampled).
 */
public final class CapturedSpans {

    public static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

    private CapturedSpans() {
    }

    /** Tracing on, every trace kept, spans exported within 50 ms of their end. */
    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Never dialled: a CDI exporter takes the OTLP exporter's place. The endpoint is what turns sampling on.
            return Map.of("quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:4318",
                    "palisade.tracing.sampling-ratio", "1.0",
                    "quarkus.otel.bsp.schedule.delay", "PT0.05S");
        }
    }

    /** Every span exported so far, once {@code expected} holds of them (waiting up to 10 s). */
    public static List<SpanData> awaitUntil(Predicate<List<SpanData>> expected) {
        Eventually.within(Duration.ofSeconds(10), "the expected spans exported",
                () -> expected.test(EXPORTER.getFinishedSpanItems()));
        return EXPORTER.getFinishedSpanItems();
    }

    /** Span names, attribute values and event attribute values of {@code spans}: everything an exporter sends. */
    public static List<String> everythingSaid(List<SpanData> spans) {
        List<String> said = new ArrayList<>();
        for (SpanData span : spans) {
            said.add(span.getName());
            said.addAll(values(span.getAttributes()));
            for (EventData event : span.getEvents()) {
                said.add(event.getName());
                said.addAll(values(event.getAttributes()));
            }
            span.getLinks().forEach(link -> said.addAll(values(link.getAttributes())));
            said.add(span.getStatus().getDescription());
        }
        return said;
    }

    /** Asserts that no span name or attribute of {@code spans} contains any of {@code secrets}. */
    public static void assertNoneSays(List<SpanData> spans, List<String> secrets) {
        List<String> said = everythingSaid(spans);
        for (String secret : secrets) {
            assertThat(said).as("span values").noneMatch(value -> value.contains(secret));
        }
    }

    private static List<String> values(Attributes attributes) {
        List<String> values = new ArrayList<>();
        attributes.forEach((key, value) -> values.add(key.getKey() + "=" + value));
        return values;
    }
}
