package io.palisade.gateway.tracing;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.palisade.common.testing.CapturedSpans;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The tests' span exporter, in place of OTLP: what the service would have sent, kept in memory. */
@Singleton
class TestSpanExporter {

    @Produces
    @Singleton
    SpanExporter captured() {
        return CapturedSpans.EXPORTER;
    }
}
