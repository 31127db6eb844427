package io.palisade.common.requestid;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Work offloaded to a pool (hashing, decoding) runs in the request's trace and logs with its request id,
 * trace id and span id; the pool's thread keeps none of them afterwards, for the next request it serves.
 */
class OffloadedWorkTest {

    private final ExecutorService pool = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void thePoolSeesTheRequestsTraceAndLogFieldsAndKeepsNone() {
        SpanContext request = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                TraceFlags.getSampled(), TraceState.getDefault());
        List<Object> seen;
        try (Scope scope = Span.wrap(request).makeCurrent()) {
            MDC.put(RequestIds.MDC_KEY, "offloaded-request");
            MDC.put("traceId", request.getTraceId());
            MDC.put("spanId", request.getSpanId());
            seen = RequestContext.offload(() -> List.<Object>of(Span.current().getSpanContext(),
                    String.valueOf(MDC.get(RequestIds.MDC_KEY)), String.valueOf(MDC.get("traceId")),
                    String.valueOf(MDC.get("spanId"))), pool).await().atMost(Duration.ofSeconds(5));
        } finally {
            MDC.clear();
        }
        assertThat(seen).containsExactly(request, "offloaded-request", request.getTraceId(), request.getSpanId());

        List<Object> afterwards = RequestContext.offload(() -> List.<Object>of(Span.current().getSpanContext().isValid(),
                String.valueOf(MDC.get(RequestIds.MDC_KEY))), pool).await().atMost(Duration.ofSeconds(5));
        assertThat(afterwards).containsExactly(false, "null");
    }
}
