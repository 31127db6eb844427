package io.palisade.gateway.routing;

import io.palisade.common.problem.ProblemKind;
import io.palisade.common.problem.Problems;
import io.palisade.gateway.ratelimit.Policy;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import java.util.Map;

/**
 * "Which policy does this request get?", answered on the management port, never the public one:
 * {@code /q/gateway/routes} lists the resolved table (no secret is in it: upstream base URLs, names, limits), and
 * {@code /q/gateway/routes/match?method=GET&path=/api/orders/7} runs the table's own decision on one request.
 */
@ApplicationScoped
class RouteExplain {

    private final RouteTable table;

    RouteExplain(RouteTable table) {
        this.table = table;
    }

    void install(@Observes ManagementInterface management) {
        management.router().get("/q/gateway/routes").handler(this::list);
        management.router().get("/q/gateway/routes/match").handler(this::match);
    }

    private void list(RoutingContext ctx) {
        JsonArray routes = new JsonArray();
        table.routes().forEach(route -> routes.add(describe(route)));
        ctx.response().putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("routes", routes).encodePrettily());
    }

    private void match(RoutingContext ctx) {
        String method = ctx.request().getParam("method");
        String path = ctx.request().getParam("path");
        if (method == null || !RouteTable.isMethodName(method) || path == null || !path.startsWith("/")) {
            Problems.write(ctx, ProblemKind.VALIDATION,
                    "Give method (an upper-case HTTP method) and path (starting with /), e.g. ?method=GET&path=/api/x",
                    Map.of());
            return;
        }
        RouteTable.Decision decision = table.route(HttpMethod.valueOf(method), path);
        JsonObject answer = new JsonObject().put("method", method).put("path", path)
                .put("canonicalPath", decision.path());
        if (decision.route().isPresent()) {
            answer.put("route", describe(decision.route().get()));
        } else {
            answer.put("refused", switch (decision.refusal()) {
                case AMBIGUOUS -> new JsonObject().put("status", 400).put("reason", "the path is not in canonical form");
                case METHOD -> new JsonObject().put("status", 405).put("reason", "no route takes this method here")
                        .put("allow", new JsonArray(decision.allowed().stream().map(HttpMethod::name).sorted().toList()));
                case UNKNOWN -> new JsonObject().put("status", 404).put("reason", "no route claims this path");
            });
        }
        ctx.response().putHeader("Content-Type", "application/json").end(answer.encodePrettily());
    }

    private static JsonObject describe(Route route) {
        Policy policy = route.policy();
        return new JsonObject()
                .put("name", route.name())
                .put("path", route.pattern())
                .put("methods", new JsonArray(route.methods().stream().map(HttpMethod::name).sorted().toList()))
                .put("upstream", route.upstream().toString())
                .put("auth", route.auth().name().toLowerCase(Locale.ROOT))
                .put("roles", new JsonArray(route.roles().stream().sorted().toList()))
                .put("cost", route.cost())
                .put("policy", new JsonObject()
                        .put("name", policy.name())
                        .put("limit", policy.limit())
                        .put("window", policy.window().toString())
                        .put("key", policy.keyedByUser() ? "user" : "ip")
                        .put("whenRedisDown", policy.failsClosed() ? "closed" : "open")
                        .put("lease", policy.lease()));
    }
}
