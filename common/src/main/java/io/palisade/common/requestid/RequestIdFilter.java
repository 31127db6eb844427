package io.palisade.common.requestid;

import io.palisade.common.tracing.Traces;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

/** Gives every request its id before any other handler runs, so even the earliest rejection carries it. */
@ApplicationScoped
public class RequestIdFilter {

    void install(@Observes Router router) {
        router.route().order(FilterOrder.REQUEST_ID).handler(this::assign);
    }

    private void assign(RoutingContext ctx) {
        String id = RequestIds.of(ctx);
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(RequestIds.CONTEXT_KEY, id);
        }
        MDC.put(RequestIds.MDC_KEY, id);
        Traces.tag(Traces.REQUEST_ID, id);
        Traces.rememberRequestSpan();
        ctx.response().putHeader(RequestIds.HEADER, id);
        ctx.next();
    }
}
