package io.palisade.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * An RFC 9457 problem document: the body of every 4xx and 5xx answer of the suite.
 * {@code errors} is present only for validation failures.
 *
 * <p>Registered for reflection because {@link Problems#write} serialises it outside JAX-RS (gateway routes,
 * body limits), where Quarkus cannot see it: a native build would otherwise fail every such answer.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String requestId,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    @RegisterForReflection
    public record FieldError(String field, String message) {}
}
