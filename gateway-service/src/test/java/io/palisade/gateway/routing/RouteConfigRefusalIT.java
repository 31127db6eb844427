package io.palisade.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.testing.PackagedArtifact;
import io.palisade.gateway.support.PackagedGatewayConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged gateway refuses to start on a route table or policy a reader could take two ways, or that
 * would open what Palisade keeps for itself, and names the key: each case is a valid orders route with one
 * property broken.
 */
class RouteConfigRefusalIT {

    private static final String ROUTE = "palisade.gateway.routes.orders.";

    static Stream<Arguments> brokenTables() {
        return Stream.of(
                Arguments.of("a route under /api/auth/", Map.of(ROUTE + "path", "/api/auth/orders/**"), ROUTE + "path"),
                Arguments.of("a route under /internal/", Map.of(ROUTE + "path", "/internal/orders"), ROUTE + "path"),
                Arguments.of("a route under /q/", Map.of(ROUTE + "path", "/q/orders"), ROUTE + "path"),
                Arguments.of("a path that is not canonical", Map.of(ROUTE + "path", "/api/orders/"), ROUTE + "path"),
                Arguments.of("a path with dot segments", Map.of(ROUTE + "path", "/api/x/../orders"), ROUTE + "path"),
                Arguments.of("a wildcard inside a path", Map.of(ROUTE + "path", "/api/*/orders"), ROUTE + "path"),
                Arguments.of("an upstream with a path", Map.of(ROUTE + "upstream", "http://orders:8080/v1"),
                        ROUTE + "upstream"),
                Arguments.of("an upstream that is not http", Map.of(ROUTE + "upstream", "ftp://orders"),
                        ROUTE + "upstream"),
                Arguments.of("an unknown policy", Map.of(ROUTE + "policy", "nosuch"), ROUTE + "policy"),
                Arguments.of("a cost out of bounds", Map.of(ROUTE + "cost", "1001"), ROUTE + "cost"),
                Arguments.of("a cost no window of its policy admits", Map.of(ROUTE + "policy", "login",
                        ROUTE + "cost", "6"), ROUTE + "cost"),
                Arguments.of("a body limit past the transport's", Map.of(ROUTE + "body-limit", "20000000"),
                        ROUTE + "body-limit"),
                Arguments.of("a method that is none", Map.of(ROUTE + "methods", "GET,G E T"), ROUTE + "methods"),
                Arguments.of("a name with an upper-case letter", Map.of("palisade.gateway.routes.Orders.path",
                        "/api/other", "palisade.gateway.routes.Orders.upstream", "http://orders:8080"),
                        "palisade.gateway.routes.Orders"),
                Arguments.of("two routes with one pattern and a method in common", Map.of(
                        "palisade.gateway.routes.orders2.path", "/api/orders/**",
                        "palisade.gateway.routes.orders2.methods", "DELETE,GET",
                        "palisade.gateway.routes.orders2.upstream", "http://other:8080"),
                        "palisade.gateway.routes.orders and palisade.gateway.routes.orders2"),
                Arguments.of("a built-in route moved", Map.of("palisade.gateway.routes.users.path", "/api/people/**"),
                        "palisade.gateway.routes.users.path"),
                Arguments.of("a policy name with a dash", Map.of("palisade.gateway.policies.my-policy.limit", "5",
                        "palisade.gateway.policies.my-policy.window", "PT1M"), "palisade.gateway.policies.my-policy"),
                Arguments.of("a lease of more than a tenth of the limit", Map.of("palisade.gateway.policies.api.lease",
                        "11"), "palisade.gateway.policies.api.lease"),
                Arguments.of("a lease on a policy keyed by IP", Map.of("palisade.gateway.policies.auth.lease", "2"),
                        "palisade.gateway.policies.auth.lease"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenTables")
    void startUpStopsNamingTheKey(String what, Map<String, String> broken, String named) {
        Map<String, String> config = new HashMap<>(new PackagedGatewayConfig().start());
        config.put("quarkus.http.port", "0");
        config.put("quarkus.management.port", "0");
        config.put(ROUTE + "path", "/api/orders/**");
        config.put(ROUTE + "methods", "GET");
        config.put(ROUTE + "upstream", "http://orders:8080");
        config.putAll(broken);

        PackagedArtifact.Exit run = PackagedArtifact.runUntilExit(config, Duration.ofSeconds(60));

        assertThat(run.exited()).as("the gateway started with %s:%n%s", what, run.log()).isTrue();
        assertThat(run.code()).isNotZero();
        assertThat(run.log()).contains(named);
    }
}
