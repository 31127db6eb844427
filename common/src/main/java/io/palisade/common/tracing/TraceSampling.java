package io.palisade.common.tracing;

import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;

/**
 * Records a trace only where it can go somewhere. Without an OTLP endpoint Quarkus would still export to its
 * default address, and log every failed attempt; so then nothing is sampled at all: spans still carry ids
 * (the logs' {@code traceId} and {@code spanId}, the {@code traceparent} sent on) and cost next to nothing.
 * With one, new traces are kept at the configured ratio and continued ones follow their parent.
 */
@Singleton
class TraceSampling {

    private static final String ENDPOINT = "quarkus.otel.exporter.otlp.endpoint";
    private static final String TRACES_ENDPOINT = "quarkus.otel.exporter.otlp.traces.endpoint";

    @Produces
    @Singleton
    Sampler sampler(TracingConfig tracing, Config config) {
        SmallRyeConfig smallRye = config.unwrap(SmallRyeConfig.class);
        boolean exporting = Stream.of(ENDPOINT, TRACES_ENDPOINT).map(smallRye::getConfigValue)
                .anyMatch(TraceSampling::setByOperator);
        if (!exporting) {
            return Sampler.alwaysOff();
        }
        return Sampler.parentBased(Sampler.traceIdRatioBased(tracing.samplingRatio()));
    }

    /**
     * Quarkus gives the endpoint a default value (localhost:4317) at the lowest ordinal there is, so reading
     * the key always finds one; only a value from a real source (properties, environment, system property)
     * says someone set up a collector.
     */
    private static boolean setByOperator(ConfigValue value) {
        return value.getValue() != null && !value.getValue().isBlank()
                && value.getSourceOrdinal() > Integer.MIN_VALUE;
    }
}
