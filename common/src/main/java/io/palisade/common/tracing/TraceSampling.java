package io.palisade.common.tracing;

import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Records a trace only where it can go somewhere. Without an OTLP endpoint Quarkus would still export to its
 * default address, and log every failed attempt; so then nothing is sampled at all: spans still carry ids
 * (the logs' {@code traceId} and {@code spanId}, the {@code traceparent} sent on) and cost next to nothing.
 * With one, new traces are kept at the configured ratio and continued ones follow their parent.
 */
@Singleton
class TraceSampling {

    @Produces
    @Singleton
    Sampler sampler(TracingConfig config,
            @ConfigProperty(name = "quarkus.otel.exporter.otlp.endpoint") Optional<String> endpoint,
            @ConfigProperty(name = "quarkus.otel.exporter.otlp.traces.endpoint") Optional<String> tracesEndpoint) {
        boolean exporting = endpoint.or(() -> tracesEndpoint).filter(url -> !url.isBlank()).isPresent();
        if (!exporting) {
            return Sampler.alwaysOff();
        }
        return Sampler.parentBased(Sampler.traceIdRatioBased(config.samplingRatio()));
    }
}
