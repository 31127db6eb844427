package io.palisade.common.logging;

import io.opentelemetry.api.trace.SpanContext;
import io.palisade.common.requestid.RequestIds;
import io.palisade.common.tracing.Traces;
import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logmanager.ExtLogRecord;

/**
 * A last line of defence: we never log secrets on purpose, but a library's message can quote a header or a
 * token it choked on. Every console line passes through here, and anything shaped like a JWT, a bearer
 * credential, a cookie or a password field is masked before it is written. Being the one filter every line
 * passes, it also gives a line written inside a request the request's {@code traceId} and {@code spanId} where
 * the MDC no longer holds them (the tracer takes them out as the request's span ends, before its last lines).
 */
@LoggingFilter(name = "palisade-redact")
public final class RedactingLogFilter implements Filter {

    static final String MASK = "[REDACTED]";

    private static final Pattern SECRETS = Pattern.compile(String.join("|",
            // compact JWS/JWE: base64url segments joined by dots, the first an encoded JSON header
            "eyJ[A-Za-z0-9_-]{2,}(?:\\.[A-Za-z0-9_-]*){1,4}",
            "(?i)(?:bearer|basic)\\s+[A-Za-z0-9._~+/=-]+",
            "(?i)(?:refresh_token|csrf_token|device_token|password|authorization|cookie|set-cookie)"
                    + "(?:\"?\\s*[:=]\\s*\"?)[^\"\\s,;}&]+"));

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            addTraceFields(ext);
            String formatted = ext.getFormattedMessage();
            String redacted = redact(formatted);
            if (!redacted.equals(formatted)) {
                ext.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
            }
        }
        if (record.getThrown() != null) {
            Throwable thrown = record.getThrown();
            String message = thrown.getMessage();
            if (message != null && !redact(message).equals(message)) {
                // The message is the secret's carrier; keep the type and stack, which are what debugging needs.
                record.setThrown(new RedactedThrowable(thrown));
            }
        }
        return true;
    }

    private static void addTraceFields(ExtLogRecord record) {
        if (record.getMdc(RequestIds.MDC_KEY) == null || record.getMdc(Traces.TRACE_ID_FIELD) != null) {
            return;
        }
        SpanContext span = Traces.requestSpan();
        if (span != null) {
            record.putMdc(Traces.TRACE_ID_FIELD, span.getTraceId());
            record.putMdc(Traces.SPAN_ID_FIELD, span.getSpanId());
        }
    }

    static String redact(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = SECRETS.matcher(text);
        return matcher.find() ? matcher.replaceAll(MASK) : text;
    }

    /** Stands in for a throwable whose message held a secret: same type name and stack, masked message. */
    static final class RedactedThrowable extends RuntimeException {
        RedactedThrowable(Throwable original) {
            super(original.getClass().getName() + ": " + redact(original.getMessage()), null, false, true);
            setStackTrace(original.getStackTrace());
        }
    }
}
