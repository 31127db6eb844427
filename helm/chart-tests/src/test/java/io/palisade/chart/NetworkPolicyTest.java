package io.palisade.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Evaluates the rendered NetworkPolicies the way a CNI would, for pods with the Deployments' own labels:
 * everything is denied by default, and every call the suite makes is allowed both ways (egress at the caller,
 * ingress at the callee), and nothing else between the services.
 */
class NetworkPolicyTest {

    private final RenderedChart chart = RenderedChart.render(null);
    private final List<NetworkPolicy> policies = chart.all(NetworkPolicy.class);

    private Map<String, String> labels(String service) {
        return chart.all(Deployment.class).stream().filter(d -> d.getMetadata().getName().endsWith(service))
                .findFirst().orElseThrow().getSpec().getTemplate().getMetadata().getLabels();
    }

    @Test
    void everyPodIsSelectedByTheDefaultDeny() {
        NetworkPolicy deny = policies.stream().filter(p -> p.getMetadata().getName().endsWith("default-deny"))
                .findFirst().orElseThrow();
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
        assertThat(deny.getSpec().getEgress()).isNullOrEmpty();
        assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        for (String service : List.of("gateway-service", "auth-service", "user-service")) {
            assertThat(selects(deny.getSpec().getPodSelector(), labels(service))).as(service).isTrue();
        }
    }

    @Test
    void everyCallTheSuiteMakesIsAllowedAtBothEnds() {
        record Call(String from, String to, int port) {
        }
        for (Call call : List.of(new Call("gateway-service", "auth-service", 8081),
                new Call("gateway-service", "user-service", 8082), new Call("auth-service", "user-service", 8082),
                new Call("user-service", "auth-service", 8081), new Call("auth-service", "auth-service", 8081))) {
            assertThat(egressAllowed(labels(call.from()), labels(call.to()), call.port())).as(call + " egress").isTrue();
            assertThat(ingressAllowed(labels(call.from()), labels(call.to()), call.port())).as(call + " ingress").isTrue();
        }
    }

    @Test
    void nothingElseBetweenTheServicesIsAllowed() {
        assertThat(ingressAllowed(labels("user-service"), labels("gateway-service"), 8080)).isFalse();
        assertThat(ingressAllowed(labels("gateway-service"), labels("auth-service"), 9001)).isFalse();
        assertThat(egressAllowed(labels("user-service"), labels("user-service"), 8082)).isFalse();
        assertThat(egressAllowed(labels("gateway-service"), labels("auth-service"), 5432)).isFalse();
    }

    @Test
    void dependenciesDnsAndPrometheusAreReachable() {
        for (String service : List.of("gateway-service", "auth-service", "user-service")) {
            assertThat(egressToPortAllowed(labels(service), 53)).as(service + " DNS").isTrue();
            assertThat(ingressFromNamespaceAllowed(labels(service), Map.of("kubernetes.io/metadata.name", "monitoring"),
                    Map.of("app.kubernetes.io/name", "prometheus"), Map.of("gateway-service", 9000, "auth-service", 9001,
                            "user-service", 9002).get(service))).as(service + " scraped").isTrue();
        }
        Map<String, String> postgresql = Map.of("app.kubernetes.io/name", "postgresql");
        Map<String, String> redis = Map.of("app.kubernetes.io/name", "redis");
        assertThat(egressAllowed(labels("auth-service"), postgresql, 5432)).isTrue();
        assertThat(egressAllowed(labels("user-service"), postgresql, 5432)).isTrue();
        assertThat(egressAllowed(labels("gateway-service"), redis, 6379)).isTrue();
        assertThat(egressAllowed(labels("auth-service"), redis, 6379)).isTrue();
        assertThat(ingressFromNamespaceAllowed(labels("gateway-service"),
                Map.of("kubernetes.io/metadata.name", "ingress-nginx"), Map.of("app", "controller"), 8080)).isTrue();
    }

    @Test
    void databaseAndRedisEgressGoesOnlyToTheConfiguredDestinations() {
        for (List<NetworkPolicy> rendered : List.of(policies, RenderedChart.render("production-values.yaml").all(NetworkPolicy.class))) {
            List<NetworkPolicyEgressRule> dependencyRules = rendered.stream()
                    .filter(p -> p.getSpec().getEgress() != null).flatMap(p -> p.getSpec().getEgress().stream())
                    .filter(rule -> portMatches(rule.getPorts(), 5432) || portMatches(rule.getPorts(), 6379)).toList();
            assertThat(dependencyRules).isNotEmpty().allSatisfy(rule -> {
                assertThat(rule.getPorts()).as("a rule without ports would open every port").isNotEmpty();
                assertThat(rule.getTo()).as("a rule without destinations reaches any address").isNotEmpty();
            });
        }
        Map<String, String> stranger = Map.of("app.kubernetes.io/name", "something-else");
        assertThat(egressAllowed(labels("auth-service"), stranger, 5432)).isFalse();
        assertThat(egressAllowed(labels("gateway-service"), stranger, 6379)).isFalse();
        assertThat(egressAllowed(labels("user-service"), stranger, 6379)).isFalse();
        // user-service reads the revoked sessions from Redis since sessions can be ended.
        assertThat(egressAllowed(labels("user-service"), Map.of("app.kubernetes.io/name", "redis"), 6379)).isTrue();

        List<NetworkPolicyEgressRule> production = RenderedChart.render("production-values.yaml").all(NetworkPolicy.class)
                .stream().filter(p -> p.getSpec().getEgress() != null).flatMap(p -> p.getSpec().getEgress().stream())
                .filter(rule -> portMatches(rule.getPorts(), 5432)).toList();
        assertThat(production).isNotEmpty().allSatisfy(rule -> assertThat(rule.getTo())
                .singleElement().satisfies(peer -> assertThat(peer.getIpBlock().getCidr()).isEqualTo("10.20.0.0/24")));
    }

    private boolean egressAllowed(Map<String, String> from, Map<String, String> to, int port) {
        return policies.stream().filter(p -> selects(p.getSpec().getPodSelector(), from) && p.getSpec().getEgress() != null)
                .flatMap(p -> p.getSpec().getEgress().stream())
                .anyMatch(rule -> portMatches(rule.getPorts(), port) && rule.getTo() != null
                        && rule.getTo().stream().anyMatch(peer -> samePodPeer(peer, to)));
    }

    private boolean ingressAllowed(Map<String, String> from, Map<String, String> to, int port) {
        return policies.stream().filter(p -> selects(p.getSpec().getPodSelector(), to) && p.getSpec().getIngress() != null)
                .flatMap(p -> p.getSpec().getIngress().stream())
                .anyMatch(rule -> portMatches(rule.getPorts(), port) && rule.getFrom() != null
                        && rule.getFrom().stream().anyMatch(peer -> samePodPeer(peer, from)));
    }

    private boolean egressToPortAllowed(Map<String, String> from, int port) {
        return policies.stream().filter(p -> selects(p.getSpec().getPodSelector(), from) && p.getSpec().getEgress() != null)
                .flatMap(p -> p.getSpec().getEgress().stream())
                .anyMatch(rule -> portMatches(rule.getPorts(), port));
    }

    private boolean ingressFromNamespaceAllowed(Map<String, String> to, Map<String, String> namespaceLabels,
            Map<String, String> podLabels, int port) {
        return policies.stream().filter(p -> selects(p.getSpec().getPodSelector(), to) && p.getSpec().getIngress() != null)
                .flatMap(p -> p.getSpec().getIngress().stream())
                .anyMatch(rule -> portMatches(rule.getPorts(), port) && rule.getFrom() != null
                        && rule.getFrom().stream().anyMatch(peer -> peer.getNamespaceSelector() != null
                                && selects(peer.getNamespaceSelector(), namespaceLabels)
                                && (peer.getPodSelector() == null || selects(peer.getPodSelector(), podLabels))));
    }

    /** A peer in the policy's own namespace (no namespace selector) whose pod selector matches. */
    private static boolean samePodPeer(NetworkPolicyPeer peer, Map<String, String> labels) {
        return peer.getNamespaceSelector() == null && peer.getIpBlock() == null && peer.getPodSelector() != null
                && selects(peer.getPodSelector(), labels);
    }

    private static boolean portMatches(List<NetworkPolicyPort> ports, int port) {
        return ports == null || ports.isEmpty() || ports.stream().anyMatch(p -> p.getPort() != null
                && p.getPort().getIntVal() != null && p.getPort().getIntVal() == port);
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            throw new AssertionError("matchExpressions are not evaluated by this test");
        }
        return selector.getMatchLabels() == null
                || selector.getMatchLabels().entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
