package io.palisade.common.tracing;

import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.internal.ExceptionAttributeResolver;
import io.opentelemetry.sdk.trace.internal.SdkTracerProviderUtil;
import io.quarkus.opentelemetry.runtime.AutoConfiguredOpenTelemetrySdkBuilderCustomizer;
import jakarta.inject.Singleton;

/**
 * An exception recorded on a span keeps its type and stack, never its message. Quarkus records on the request's
 * span every exception a request ends with, before our mappers turn it into a problem document; a parser's
 * message quotes the input it choked on ({@code Unrecognized token 'hunter2'}), so a password in a malformed
 * body would reach the tracing backend, which our log filter never sees. The SDK's hook for this is internal
 * API (a test fails if it stops taking effect: auth-service's NoSecretInSpansTest).
 */
@Singleton
class ExceptionsWithoutMessages implements AutoConfiguredOpenTelemetrySdkBuilderCustomizer, ExceptionAttributeResolver {

    @Override
    public void customize(AutoConfiguredOpenTelemetrySdkBuilder builder) {
        builder.addTracerProviderCustomizer((tracerProvider, config) -> {
            SdkTracerProviderUtil.setExceptionAttributeResolver(tracerProvider, this);
            return tracerProvider;
        });
    }

    @Override
    public void setExceptionAttributes(AttributeSetter attributes, Throwable exception, int maxLength) {
        attributes.setAttribute(EXCEPTION_TYPE, exception.getClass().getName());
        StringBuilder stack = new StringBuilder();
        for (Throwable cause = exception; cause != null && stack.length() < maxLength; cause = cause.getCause()) {
            stack.append(cause == exception ? "" : "Caused by: ").append(cause.getClass().getName()).append('\n');
            for (StackTraceElement frame : cause.getStackTrace()) {
                stack.append("\tat ").append(frame).append('\n');
            }
        }
        attributes.setAttribute(EXCEPTION_STACKTRACE, stack.length() > maxLength ? stack.substring(0, maxLength)
                : stack.toString());
    }
}
