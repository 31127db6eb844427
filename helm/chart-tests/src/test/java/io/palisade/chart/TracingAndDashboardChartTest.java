package io.palisade.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tracing and the dashboard as values: no endpoint, no export and no egress; an endpoint reaches every service
 * with its protocol, and opens egress to the collector on the endpoint's port and nowhere else. The dashboard is
 * one ConfigMap with the Grafana sidecar's label, holding the chart's dashboard file unchanged, and goes away
 * with its value.
 */
class TracingAndDashboardChartTest {

    private static final List<String> SERVICES = List.of("gateway-service", "auth-service", "user-service");
    private static final Map<String, String> MONITORING = Map.of("kubernetes.io/metadata.name", "monitoring");
    private static final Map<String, String> COLLECTOR = Map.of("app.kubernetes.io/name", "opentelemetry-collector");

    @Test
    void withoutAnEndpointNothingIsExportedAndNoEgressOpens() {
        RenderedChart chart = RenderedChart.render(null);
        for (String service : SERVICES) {
            assertThat(chart.configMap(service)).doesNotContainKey("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT")
                    .containsEntry("PALISADE_TRACING_SAMPLING_RATIO", "0.1");
            assertThat(chart.egressAllowed(service, MONITORING, COLLECTOR, null, 4317)).as(service).isFalse();
        }
    }

    @Test
    void anEndpointReachesEveryServiceAndOpensEgressToTheCollectorOnly() {
        RenderedChart chart = RenderedChart.render(null, Map.of("tracing.otlpEndpoint",
                "http://otel-collector.monitoring:4317", "tracing.samplingRatio", "0.25"));
        for (String service : SERVICES) {
            assertThat(chart.configMap(service))
                    .containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector.monitoring:4317")
                    .containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
                    .containsEntry("PALISADE_TRACING_SAMPLING_RATIO", "0.25");
            assertThat(chart.egressAllowed(service, MONITORING, COLLECTOR, null, 4317)).as(service).isTrue();
            assertThat(chart.egressAllowed(service, MONITORING, COLLECTOR, null, 4318)).as(service).isFalse();
            assertThat(chart.egressAllowed(service, MONITORING, Map.of("app.kubernetes.io/name", "other"), null, 4317))
                    .as(service).isFalse();
        }
        RenderedChart http = RenderedChart.render(null, Map.of("tracing.otlpEndpoint", "https://collector.example",
                "tracing.protocol", "http/protobuf"));
        assertThat(http.configMap("auth-service")).containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        assertThat(http.egressAllowed("auth-service", MONITORING, COLLECTOR, null, 4318)).isTrue();
    }

    @Test
    void theSchemaRefusesAnEndpointWithAPathOrCredentialsAndABadRatio() {
        for (Map<String, String> broken : List.of(Map.of("tracing.otlpEndpoint", "otel-collector:4317"),
                Map.of("tracing.otlpEndpoint", "http://user:secret@collector:4317"),
                Map.of("tracing.otlpEndpoint", "http://collector:4318/v1/traces"),
                Map.of("tracing.protocol", "http/json"), Map.of("tracing.samplingRatio", "1.5"))) {
            assertThatThrownBy(() -> RenderedChart.render(null, broken)).as("%s", broken)
                    .hasMessageContaining("values don't meet the specifications of the schema");
        }
    }

    @Test
    void theDashboardIsOneLabelledConfigMapHoldingTheChartsFile() throws Exception {
        List<ConfigMap> dashboards = dashboards(RenderedChart.render(null));
        assertThat(dashboards).singleElement().satisfies(map -> {
            assertThat(map.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
            assertThat(map.getData()).containsOnlyKeys("palisade.json");
        });
        ObjectMapper json = new ObjectMapper();
        JsonNode rendered = json.readTree(dashboards.get(0).getData().get("palisade.json"));
        assertThat(rendered).isEqualTo(json.readTree(Files.readString(RenderedChart.CHART.resolve("dashboards/palisade.json"))));

        assertThat(dashboards(RenderedChart.render(null, Map.of("metrics.grafanaDashboard.enabled", "false")))).isEmpty();
    }

    private static List<ConfigMap> dashboards(RenderedChart chart) {
        return chart.all(ConfigMap.class).stream().filter(map -> map.getMetadata().getName().endsWith("-dashboard")).toList();
    }
}
