package io.palisade.common.bodylimit;

import io.vertx.ext.web.RoutingContext;
import java.util.OptionalLong;

/**
 * A service whose routes carry body limits of their own (the gateway's configured routes) says so through a
 * bean of this type; {@link BodyLimits} asks it first, for the early refusal of a declared length and for a
 * body counted while it streams alike, so one route never has two limits.
 */
public interface RouteBodyLimit {

    /** The limit of the route {@code ctx}'s request goes to; empty when that route sets none. */
    OptionalLong limitFor(RoutingContext ctx);
}
