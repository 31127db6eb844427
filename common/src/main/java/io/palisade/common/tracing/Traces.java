package io.palisade.common.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import java.util.Map;

/**
 * What Palisade adds to the span of the request being served: its request id, the account it acts for, and
 * the security events that decided its fate. Values come from the callers' closed sets and ids, never from a
 * secret; a request without a recorded span pays one check.
 */
public final class Traces {

    public static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("palisade.request_id");
    public static final AttributeKey<String> ACCOUNT_ID = AttributeKey.stringKey("palisade.account_id");
    public static final AttributeKey<String> ROUTE = AttributeKey.stringKey("palisade.route");
    /** The log fields (MDC keys) of the request's trace, as Quarkus' OpenTelemetry extension names them. */
    public static final String TRACE_ID_FIELD = "traceId";
    public static final String SPAN_ID_FIELD = "spanId";

    private static final String CONTEXT_KEY = "palisade.span";

    private Traces() {
    }

    /**
     * Remembers the request's span on its Vert.x context, for log lines written after the tracer has ended it
     * (and taken its ids out of the MDC): a late error of the upstream call, the access line.
     */
    public static void rememberRequestSpan() {
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid() && VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(CONTEXT_KEY, span);
        }
    }

    /** The span of the request being served on this Vert.x context, or null outside a request. */
    public static SpanContext requestSpan() {
        return VertxContext.isOnDuplicatedContext() ? ContextLocals.<SpanContext>get(CONTEXT_KEY).orElse(null) : null;
    }

    public static void tag(AttributeKey<String> key, String value) {
        Span span = Span.current();
        if (value != null && span.isRecording()) {
            span.setAttribute(key, value);
        }
    }

    /** A span event named {@code palisade.security.<event>}, with the event's detail and id fields. */
    public static void event(String event, String detail, Map<String, String> fields) {
        Span span = Span.current();
        if (!span.isRecording()) {
            return;
        }
        AttributesBuilder attributes = Attributes.builder().put("event", event);
        if (detail != null) {
            attributes.put("detail", detail);
        }
        fields.forEach(attributes::put);
        span.addEvent("palisade.security." + event, attributes.build());
        String account = fields.get("accountId");
        if (account != null) {
            span.setAttribute(ACCOUNT_ID, account);
        }
    }
}
