package io.palisade.common.problem;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/** A path no route serves still answers with a problem document, not the HTTP layer's bare 404. */
@ApplicationScoped
public class UnmatchedRoutes {

    void install(@Observes Router router) {
        router.route().last().handler(ctx -> Problems.write(ctx, ProblemKind.NOT_FOUND, "No resource at this path.",
                Map.of()));
    }
}
