package io.palisade.common.requestid;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id of API.md: the caller's when it is well formed, a fresh one otherwise. A caller's id is
 * only echoed and logged, so the pattern keeps it free of anything that could forge a log line or a header.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    static final String CONTEXT_KEY = "palisade.requestId";

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestIds() {
    }

    public static boolean isWellFormed(String candidate) {
        return candidate != null && WELL_FORMED.matcher(candidate).matches();
    }

    /** The id to use for a request that arrived with {@code incoming} (possibly null or hostile). */
    public static String accept(String incoming) {
        return isWellFormed(incoming) ? incoming : UUID.randomUUID().toString();
    }

    /** The id of the request being served on this Vert.x context, or null outside a request. */
    public static String current() {
        if (!VertxContext.isOnDuplicatedContext()) {
            return null;
        }
        return ContextLocals.<String>get(CONTEXT_KEY).orElse(null);
    }

    /** The id of {@code ctx}'s request; assigns one if no filter has yet. */
    public static String of(RoutingContext ctx) {
        String id = ctx.get(CONTEXT_KEY);
        if (id == null) {
            id = accept(ctx.request().getHeader(HEADER));
            ctx.put(CONTEXT_KEY, id);
        }
        return id;
    }
}
