package io.palisade.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * k8s/ holds the chart rendered with default values, for users without Helm. It must be exactly what the
 * chart renders today; regenerate it with {@code ./mvnw -pl helm/chart-tests test -Dpalisade.regenerate=true}.
 */
class ManifestDriftTest {

    @Test
    void thePlainManifestsAreTheChartRenderedWithDefaultValues() throws Exception {
        var manifest = RenderedChart.ROOT.resolve("k8s/palisade.yaml");
        String rendered = "# Rendered from helm/palisade with default values; do not edit (see ManifestDriftTest).\n"
                + RenderedChart.render(null).yaml;
        if (Boolean.getBoolean("palisade.regenerate")) {
            Files.writeString(manifest, rendered);
        }
        assertThat(Files.readString(manifest)).as("k8s/palisade.yaml is out of date").isEqualTo(rendered);
    }

    @Test
    void theNamespaceEnforcesTheRestrictedPodSecurityStandard() throws Exception {
        var yaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        Namespace namespace = yaml.readValue(RenderedChart.ROOT.resolve("k8s/namespace.yaml").toFile(), Namespace.class);
        assertThat(namespace.getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted")
                .containsEntry("pod-security.kubernetes.io/audit", "restricted")
                .containsEntry("pod-security.kubernetes.io/warn", "restricted");
    }
}
