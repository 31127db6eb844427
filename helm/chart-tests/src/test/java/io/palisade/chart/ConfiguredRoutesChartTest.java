package io.palisade.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        Map<String, String> gateway = chart.configMap("gateway-service");
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
                .containsEntry("PALISADE_GATEWAY_POLICIES_ORDERS_WHEN_REDIS_DOWN", "closed")
                .containsEntry("PALISADE_GATEWAY_POLICIES_BROWSE_LEASE", "20")
                .containsEntry("PALISADE_GATEWAY_POLICIES_API_LEASE", "10");
        assertThat(chart.configMap("user-service").keySet()).noneMatch(key -> key.startsWith("PALISADE_GATEWAY_ROUTES_"));
    }

    @Test
    void theGatewayMayReachEachUpstreamOnItsPortAndNothingElseOpens() {
        Map<String, String> shop = Map.of("kubernetes.io/metadata.name", "shop");
        Map<String, String> orders = Map.of("app", "orders");
        assertThat(chart.egressAllowed("gateway-service", shop, orders, null, 8080)).isTrue();
        assertThat(chart.egressAllowed("gateway-service", shop, orders, null, 9000)).isFalse();
        assertThat(chart.egressAllowed("gateway-service", shop, Map.of("app", "billing"), null, 8080)).isFalse();
        assertThat(chart.egressAllowed("gateway-service", null, null, "192.0.2.0/24", 443)).isTrue();
        assertThat(chart.egressAllowed("gateway-service", null, null, "192.0.2.0/24", 80)).isFalse();
        assertThat(chart.egressAllowed("user-service", shop, orders, null, 8080)).isFalse();
        assertThat(chart.egressAllowed("auth-service", null, null, "192.0.2.0/24", 443)).isFalse();
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
                Map.of("gateway.policies.orders.limit", "0"),
                // api allows 100 a minute: a lease above a tenth of that stops the gateway at start-up.
                Map.of("gateway.rateLimit.apiLease", "11"),
                Map.of("gateway.rateLimit.apiLease", "0"))) {
            assertThatThrownBy(() -> RenderedChart.render("routes-values.yaml", broken)).as("%s", broken)
                    .hasMessageContaining("values don't meet the specifications of the schema");
        }
    }
}
