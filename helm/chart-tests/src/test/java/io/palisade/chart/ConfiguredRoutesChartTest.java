package io.palisade.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A release with two of the operator's own services behind the gateway (routes-values.yaml): the routes and
 * policies reach the gateway as its configuration keys, the gateway's egress opens to exactly each route's
 * upstream peers on its URL's port (default deny stays for everything else, and for the other services), and
 * the values schema refuses what the gateway's start-up would refuse.
 */
class ConfiguredRoutesChartTest {

    private final RenderedChart chart = RenderedChart.render("routes-values.yaml");

    @Test
    void routesAndPoliciesBecomeTheGatewaysKeys() {
        Map<String, String> gateway = configMap("gateway-service");
        assertThat(gateway).containsEntry("PALISADE_GATEWAY_ROUTES_ORDERS_PATH", "/api/orders/**")
                .containsEntry("PALISADE_GATEWAY_ROUTES_ORDERS_METHODS", "GET,POST")
                .containsEntry("PALISADE_GATEWAY_ROUTES_ORDERS_UPSTREAM", "http://orders.shop.svc:8080")
                .containsEntry("PALISADE_GATEWAY_ROUTES_ORDERS_ROLES", "admin")
                .containsEntry("PALISADE_GATEWAY_ROUTES_ORDERS_COST", "3")
                .containsEntry("PALISADE_GATEWAY_ROUTES_ORDERS_BODY_LIMIT", "1048576")
                .containsEntry("PALISADE_GATEWAY_ROUTES_ORDERS_RESPONSE_TIMEOUT", "PT30S")
                .containsEntry("PALISADE_GATEWAY_ROUTES_SEARCH_AUTH", "none")
                .containsEntry("PALISADE_GATEWAY_POLICIES_ORDERS_LIMIT", "100")
                .containsEntry("PALISADE_GATEWAY_POLICIES_ORDERS_WINDOW", "PT1M")
                .containsEntry("PALISADE_GATEWAY_POLICIES_ORDERS_WHEN_REDIS_DOWN", "closed");
        assertThat(configMap("user-service").keySet()).noneMatch(key -> key.startsWith("PALISADE_GATEWAY_ROUTES_"));
    }

    @Test
    void theGatewayMayReachEachUpstreamOnItsPortAndNothingElseOpens() {
        Map<String, String> shop = Map.of("kubernetes.io/metadata.name", "shop");
        Map<String, String> orders = Map.of("app", "orders");
        assertThat(egressAllowed("gateway-service", shop, orders, null, 8080)).isTrue();
        assertThat(egressAllowed("gateway-service", shop, orders, null, 9000)).isFalse();
        assertThat(egressAllowed("gateway-service", shop, Map.of("app", "billing"), null, 8080)).isFalse();
        assertThat(egressAllowed("gateway-service", null, null, "192.0.2.0/24", 443)).isTrue();
        assertThat(egressAllowed("gateway-service", null, null, "192.0.2.0/24", 80)).isFalse();
        assertThat(egressAllowed("user-service", shop, orders, null, 8080)).isFalse();
        assertThat(egressAllowed("auth-service", null, null, "192.0.2.0/24", 443)).isFalse();
    }

    @Test
    void theSchemaRefusesWhatStartUpWouldRefuse() {
        for (Map<String, String> broken : List.of(
                Map.of("gateway.routes.orders.path", "/api/auth/orders"),
                Map.of("gateway.routes.orders.path", "/internal/x"),
                Map.of("gateway.routes.orders.path", "/api/orders/"),
                Map.of("gateway.routes.orders.upstream", "http://orders:8080/v1"),
                Map.of("gateway.routes.orders.cost", "1001"),
                Map.of("gateway.routes.orders.bodyLimit", "20000000"),
                Map.of("gateway.routes.orders.auth", "sometimes"),
                Map.of("gateway.routes.Orders.path", "/api/other"),
                Map.of("gateway.policies.orders.limit", "0"))) {
            assertThatThrownBy(() -> RenderedChart.render("routes-values.yaml", broken)).as("%s", broken)
                    .hasMessageContaining("values don't meet the specifications of the schema");
        }
    }

    private Map<String, String> configMap(String service) {
        return chart.all(ConfigMap.class).stream().filter(map -> map.getMetadata().getName().endsWith(service))
                .findFirst().orElseThrow().getData();
    }

    /** Whether the service's pods may open a connection to a peer with these labels, or in this CIDR, on {@code port}. */
    private boolean egressAllowed(String service, Map<String, String> namespace, Map<String, String> pod, String cidr,
            int port) {
        Map<String, String> labels = chart.all(Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().endsWith(service)).findFirst().orElseThrow()
                .getSpec().getTemplate().getMetadata().getLabels();
        return chart.all(NetworkPolicy.class).stream()
                .filter(p -> selects(p.getSpec().getPodSelector(), labels) && p.getSpec().getEgress() != null)
                .flatMap(p -> p.getSpec().getEgress().stream())
                .anyMatch(rule -> portMatches(rule, port) && rule.getTo() != null
                        && rule.getTo().stream().anyMatch(peer -> reaches(peer, namespace, pod, cidr)));
    }

    private static boolean reaches(NetworkPolicyPeer peer, Map<String, String> namespace, Map<String, String> pod,
            String cidr) {
        if (cidr != null) {
            return peer.getIpBlock() != null && peer.getIpBlock().getCidr().equals(cidr);
        }
        return peer.getNamespaceSelector() != null && selects(peer.getNamespaceSelector(), namespace)
                && peer.getPodSelector() != null && selects(peer.getPodSelector(), pod);
    }

    private static boolean portMatches(NetworkPolicyEgressRule rule, int port) {
        return rule.getPorts() == null || rule.getPorts().isEmpty() || rule.getPorts().stream()
                .anyMatch(p -> p.getPort() != null && p.getPort().getIntVal() != null && p.getPort().getIntVal() == port);
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        return selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty() && labels != null
                || labels != null && selector.getMatchLabels().entrySet().stream()
                        .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
