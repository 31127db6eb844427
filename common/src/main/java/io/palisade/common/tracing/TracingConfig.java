package io.palisade.common.tracing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

/** API.md "Logging and metrics", Traces: how many new traces a service keeps. */
@ConfigMapping(prefix = "palisade.tracing")
public interface TracingConfig {

    /**
     * The share of new traces recorded and exported, 0 to 1. A request arriving with a trace context follows
     * its parent's decision instead, so one trace is kept whole or not at all.
     */
    @WithDefault("0.1")
    @DecimalMin("0.0")
    @DecimalMax("1.0")
    double samplingRatio();
}
