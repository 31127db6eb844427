package io.palisade.common.testing;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * A service's tests export spans to {@link CapturedSpans#EXPORTER} in place of OTLP: what the service would have
 * sent, kept in memory. A CDI span exporter also keeps Quarkus from dialling the endpoint the tests set.
 */
@Singleton
class CapturedSpansExporter {

    @Produces
    @Singleton
    SpanExporter captured() {
        return CapturedSpans.EXPORTER;
    }
}
