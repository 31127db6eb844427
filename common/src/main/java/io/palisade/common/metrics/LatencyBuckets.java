package io.palisade.common.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Buckets for the HTTP server timer, so the dashboard's latency percentiles can be computed across pods
 * ({@code histogram_quantile} over summed buckets). A dozen fixed bounds, from what a proxy hop costs to the
 * response timeout, rather than Micrometer's full percentile histogram: a few series per route and status, not
 * seventy.
 */
@Singleton
class LatencyBuckets {

    private static final String HTTP_SERVER_REQUESTS = "http.server.requests";
    private static final double[] BOUNDS_MS = {1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000};

    @Produces
    @Singleton
    MeterFilter httpServerBuckets() {
        // A timer's bounds are in nanoseconds.
        double[] bounds = new double[BOUNDS_MS.length];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = BOUNDS_MS[i] * 1_000_000;
        }
        DistributionStatisticConfig buckets = DistributionStatisticConfig.builder().serviceLevelObjectives(bounds).build();
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return HTTP_SERVER_REQUESTS.equals(id.getName()) ? buckets.merge(config) : config;
            }
        };
    }
}
