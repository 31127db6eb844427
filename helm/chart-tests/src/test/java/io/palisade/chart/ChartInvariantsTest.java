package io.palisade.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every container of every rendering meets the Kubernetes "restricted" profile and our operability rules. */
class ChartInvariantsTest {

    private static final Map<String, Integer> MANAGEMENT_PORTS = Map.of("gateway-service", 9000, "auth-service", 9001,
            "user-service", 9002);

    static Stream<Arguments> renderings() {
        return Stream.of(Arguments.of("default values", RenderedChart.render(null)),
                Arguments.of("production-like values", RenderedChart.render("production-values.yaml")),
                Arguments.of("chart-made secret", RenderedChart.render("inline-secrets-values.yaml")),
                Arguments.of("the operator's own routes", RenderedChart.render("routes-values.yaml")));
    }

    @Test
    void helmLintFindsNothing() {
        LintResult lint = new Helm(RenderedChart.CHART).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @ParameterizedTest
    @MethodSource("renderings")
    void eachServiceReadsItsOwnDatabaseCredentials(String name, RenderedChart chart) {
        for (Deployment deployment : chart.all(Deployment.class)) {
            String service = deployment.getMetadata().getName();
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            List<String> keys = container.getEnv().stream().filter(env -> env.getName().startsWith("QUARKUS_DATASOURCE_"))
                    .map(env -> env.getValueFrom().getSecretKeyRef().getKey()).toList();
            if (service.endsWith("gateway-service")) {
                assertThat(keys).as(service).isEmpty();
            } else {
                String own = service.endsWith("auth-service") ? "auth" : "user";
                assertThat(keys).as(service).containsExactlyInAnyOrder(own + "-postgres-username", own + "-postgres-password");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void everyWorkloadRunsRestrictedWithResourcesProbesAndGracefulShutdown(String name, RenderedChart chart) {
        List<Deployment> deployments = chart.all(Deployment.class);
        assertThat(deployments).extracting(d -> d.getMetadata().getLabels().get("app.kubernetes.io/name"))
                .containsExactlyInAnyOrder("gateway-service", "auth-service", "user-service");
        for (Deployment deployment : deployments) {
            String service = deployment.getMetadata().getLabels().get("app.kubernetes.io/name");
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(service).isTrue();
            assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(service).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).as(service).isFalse();
            assertThat(pod.getVolumes()).as(service).anySatisfy(v -> {
                assertThat(v.getName()).isEqualTo("tmp");
                assertThat(v.getEmptyDir()).isNotNull();
            });
            for (Container container : pod.getContainers()) {
                var security = container.getSecurityContext();
                assertThat(security.getAllowPrivilegeEscalation()).as(service).isFalse();
                assertThat(security.getReadOnlyRootFilesystem()).as(service).isTrue();
                assertThat(security.getCapabilities().getDrop()).as(service).containsExactly("ALL");
                assertThat(security.getCapabilities().getAdd()).as(service).isNullOrEmpty();
                assertThat(container.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
                assertThat(container.getResources().getRequests()).as(service).containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as(service).containsKeys("cpu", "memory");
                // The heap the services are tested in, with room for what lives off it inside the memory limit.
                assertThat(container.getArgs()).as(service).containsExactly("-Xmx256m", "-XX:+ExitOnOutOfMemoryError");
                assertThat(Quantity.getAmountInBytes(container.getResources().getLimits().get("memory")))
                        .as(service).isGreaterThan(Quantity.getAmountInBytes(new Quantity("256Mi")));
                assertThat(container.getImage()).as(service).matches(".+(:[0-9][\\w.-]*|@sha256:[a-f0-9]{64})")
                        .doesNotEndWith(":latest");
                int management = MANAGEMENT_PORTS.get(service);
                assertThat(container.getPorts()).anySatisfy(p -> {
                    assertThat(p.getName()).isEqualTo("management");
                    assertThat(p.getContainerPort()).isEqualTo(management);
                });
                for (Probe probe : List.of(container.getStartupProbe(), container.getLivenessProbe(),
                        container.getReadinessProbe())) {
                    assertThat(probe.getHttpGet().getPort().getStrVal()).as(service).isEqualTo("management");
                    assertThat(probe.getHttpGet().getPath()).as(service).startsWith("/q/health/");
                }
                long preStop = container.getLifecycle().getPreStop().getSleep().getSeconds();
                long quarkusTimeout = Long.parseLong(chart.all(ConfigMap.class).stream()
                        .filter(c -> c.getMetadata().getName().endsWith(service)).findFirst().orElseThrow()
                        .getData().get("QUARKUS_SHUTDOWN_TIMEOUT").replace("S", ""));
                assertThat(preStop + quarkusTimeout).as(service + " drains within the grace period")
                        .isLessThan(pod.getTerminationGracePeriodSeconds());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void onlyTheGatewayIsExposedAndItIsHighlyAvailable(String name, RenderedChart chart) {
        List<Ingress> ingresses = chart.all(Ingress.class);
        assertThat(ingresses).hasSize(1);
        Ingress ingress = ingresses.get(0);
        assertThat(ingress.getSpec().getTls()).isNotEmpty();
        assertThat(ingress.getSpec().getRules()).allSatisfy(rule -> assertThat(rule.getHttp().getPaths())
                .allSatisfy(path -> assertThat(path.getBackend().getService().getName()).endsWith("gateway-service")));
        assertThat(chart.all(HorizontalPodAutoscaler.class))
                .anySatisfy(hpa -> assertThat(hpa.getSpec().getScaleTargetRef().getName()).endsWith("gateway-service"));
        assertThat(chart.all(PodDisruptionBudget.class)).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderings")
    void noSecretValueSitsInAConfigMap(String name, RenderedChart chart) {
        for (ConfigMap config : chart.all(ConfigMap.class)) {
            assertThat(config.getData().keySet()).noneMatch(key -> key.matches("(?i).*(PASSWORD|SECRET|PRIVATE_KEY)$"));
            for (Secret secret : chart.all(Secret.class)) {
                for (String value : secret.getStringData().values()) {
                    if (value.length() > 8) {
                        assertThat(config.getData().values()).noneMatch(v -> v.contains(value));
                    }
                }
            }
        }
    }

    @Test
    void theProductionRenderingWiresTrustedProxiesReplicasAndTheOperator() {
        RenderedChart chart = RenderedChart.render("production-values.yaml");
        ConfigMap gateway = chart.all(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().endsWith("gateway-service")).findFirst().orElseThrow();
        assertThat(gateway.getData()).containsEntry("PALISADE_GATEWAY_TRUSTED_PROXIES", "10.0.0.0/8,fd00::/8");
        assertThat(chart.all(HorizontalPodAutoscaler.class).stream()
                .filter(h -> h.getSpec().getScaleTargetRef().getName().endsWith("gateway-service")).findFirst()
                .orElseThrow().getSpec().getMinReplicas()).isEqualTo(3);
        assertThat(chart.operatorObjects("ServiceMonitor")).hasSize(3);
        assertThat(chart.operatorObjects("PrometheusRule")).hasSize(1);
        assertThat(chart.all(Secret.class)).isEmpty();
        assertThat(chart.yaml).contains("sslmode=verify-full").contains("rediss://redis.databases.svc:6379")
                .contains("@sha256:0123456789abcdef");
        Deployment gatewayDeployment = chart.all(Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().endsWith("gateway-service")).findFirst().orElseThrow();
        assertThat(gatewayDeployment.getSpec().getTemplate().getMetadata().getAnnotations())
                .doesNotContainKey("prometheus.io/scrape");
    }

    @Test
    void clusterNodesSwitchEveryServiceToTheClusterClient() {
        RenderedChart chart = RenderedChart.render("redis-cluster-values.yaml");
        assertThat(serviceConfigs(chart)).hasSize(3).allSatisfy(config -> assertThat(config.getData())
                .containsEntry("QUARKUS_REDIS_CLIENT_TYPE", "cluster")
                .containsEntry("QUARKUS_REDIS_HOSTS", "rediss://redis-0.redis:6379,rediss://redis-1.redis:6379"));
        assertThat(serviceConfigs(RenderedChart.render(null))).hasSize(3).allSatisfy(config -> assertThat(config.getData())
                .doesNotContainKey("QUARKUS_REDIS_CLIENT_TYPE").containsEntry("QUARKUS_REDIS_HOSTS", "redis://redis:6379"));
    }

    @Test
    void withoutTheOperatorPodsCarryScrapeAnnotations() {
        RenderedChart chart = RenderedChart.render(null);
        assertThat(chart.operatorObjects("ServiceMonitor")).isEmpty();
        for (Deployment deployment : chart.all(Deployment.class)) {
            assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                    .containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/path", "/q/metrics");
        }
    }

    /** The three services' ConfigMaps (the chart also renders the dashboard's). */
    private static List<ConfigMap> serviceConfigs(RenderedChart chart) {
        return chart.all(ConfigMap.class).stream().filter(config -> config.getMetadata().getName().endsWith("-service"))
                .toList();
    }
}
