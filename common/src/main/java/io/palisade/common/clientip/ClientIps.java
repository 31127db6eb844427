package io.palisade.common.clientip;

import io.palisade.common.logging.AccessLog;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.ext.web.RoutingContext;

/**
 * The client address of the request being served, where the access log and every security event can find
 * it: on the routing context, and on the request's Vert.x context, which the flow keeps across its hops.
 */
public final class ClientIps {

    private static final String CONTEXT_KEY = "palisade.clientIp";

    private ClientIps() {
    }

    public static void remember(RoutingContext ctx, String ip) {
        ctx.put(AccessLog.CLIENT_IP, ip);
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(CONTEXT_KEY, ip);
        }
    }

    /** The client address decided for the request of {@code ctx}. */
    public static String of(RoutingContext ctx) {
        return ctx.get(AccessLog.CLIENT_IP);
    }

    /** The client address of the request served on this Vert.x context, or null outside a request. */
    public static String current() {
        if (!VertxContext.isOnDuplicatedContext()) {
            return null;
        }
        return ContextLocals.<String>get(CONTEXT_KEY).orElse(null);
    }
}
