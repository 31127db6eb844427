package io.palisade.gateway.routing;

import io.palisade.common.bodylimit.RouteBodyLimit;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.OptionalLong;

/** A configured route's own {@code body-limit}, for common's body limits: on the route the request goes to. */
@ApplicationScoped
class RouteBodyLimits implements RouteBodyLimit {

    private final RouteTable table;

    RouteBodyLimits(RouteTable table) {
        this.table = table;
    }

    @Override
    public OptionalLong limitFor(RoutingContext ctx) {
        return table.decide(ctx).route().map(Route::bodyLimit).orElse(OptionalLong.empty());
    }
}
