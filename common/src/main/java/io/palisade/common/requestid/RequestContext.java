package io.palisade.common.requestid;

import io.palisade.common.tracing.Traces;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jboss.logging.MDC;

/**
 * Work handed to a pool of our own (hashing, image decoding) finishes on that pool's thread, and so would
 * everything chained after it: outside the request's Vert.x context, where its request id, client address,
 * trace and database connections live. This runs the work with the request's trace and log fields, and brings
 * the result back onto the context the work was started from.
 */
public final class RequestContext {

    /** The MDC fields a line logged on the pool carries, as a line logged on the event loop would. */
    private static final List<String> CARRIED = List.of(RequestIds.MDC_KEY, Traces.TRACE_ID_FIELD, Traces.SPAN_ID_FIELD);

    private RequestContext() {
    }

    /**
     * {@code work} on {@code pool}, inside the caller's trace and with its log fields, emitting on the caller's
     * context. A full pool fails the Uni with the pool's own rejection.
     */
    public static <T> Uni<T> offload(Supplier<T> work, Executor pool) {
        Map<String, String> fields = new HashMap<>();
        for (String key : CARRIED) {
            Object value = MDC.get(key);
            if (value != null) {
                fields.put(key, value.toString());
            }
        }
        Supplier<T> traced = io.opentelemetry.context.Context.current().wrapSupplier(() -> {
            fields.forEach(MDC::put);
            try {
                return work.get();
            } finally {
                fields.keySet().forEach(MDC::remove);
            }
        });
        return resumeOnCaller(Uni.createFrom().completionStage(() -> CompletableFuture.supplyAsync(traced, pool)));
    }

    /** {@code offloaded}, emitting on the caller's Vert.x context (unchanged when called outside one). */
    public static <T> Uni<T> resumeOnCaller(Uni<T> offloaded) {
        Context caller = Vertx.currentContext();
        if (caller == null) {
            return offloaded;
        }
        return offloaded.emitOn(command -> caller.runOnContext(ignored -> command.run()));
    }
}
