package io.palisade.auth.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * With no OTLP endpoint configured (this profile sets none), not one trace is sampled: Quarkus' built-in default
 * endpoint must not count as one, or every service would try to export a tenth of its traces to localhost:4317
 * and log each failure, and pay for spans nobody receives (auth-service's outbox polls PostgreSQL every second,
 * so an idle service would complain every few seconds).
 */
@QuarkusTest
class NothingSampledWithoutEndpointTest {

    @Inject
    Sampler sampler;

    @Test
    void shouldSampleNoNewTrace() {
        List<SamplingDecision> decisions = IntStream.range(0, 2_000).mapToObj(i -> sampler.shouldSample(Context.root(),
                TraceId.fromLongs(ThreadLocalRandom.current().nextLong(), ThreadLocalRandom.current().nextLong()),
                "GET /api/auth/sessions", SpanKind.SERVER, Attributes.empty(), List.of()).getDecision()).toList();

        assertThat(decisions).containsOnly(SamplingDecision.DROP);
    }
}
