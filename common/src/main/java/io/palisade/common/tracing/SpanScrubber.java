package io.palisade.common.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import jakarta.inject.Singleton;

/**
 * The HTTP instrumentation records a request's query string ({@code url.query}) and a client call's whole URL
 * ({@code url.full}): where a reset or verification token, a code or an email may travel. Both are rewritten as
 * each span starts, before any exporter can see them: the query becomes {@value #REDACTED}, and the URL keeps
 * everything but its query. Headers, cookies and bodies are never recorded by the instrumentation at all.
 */
@Singleton
class SpanScrubber implements SpanProcessor {

    static final String REDACTED = "redacted";
    private static final AttributeKey<String> URL_QUERY = AttributeKey.stringKey("url.query");
    private static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        if (span.getAttribute(URL_QUERY) != null) {
            span.setAttribute(URL_QUERY, REDACTED);
        }
        String url = span.getAttribute(URL_FULL);
        if (url != null) {
            span.setAttribute(URL_FULL, withoutQuery(url));
        }
    }

    static String withoutQuery(String url) {
        int query = url.indexOf('?');
        int fragment = url.indexOf('#');
        int end = query < 0 ? fragment : fragment < 0 ? query : Math.min(query, fragment);
        return end < 0 ? url : url.substring(0, end);
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
