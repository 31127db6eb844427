package io.palisade.common.problem;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Thrown by service code for an expected failure with a status of its own (409, 429, 503...). The
 * detail is written for the client, so it must never carry a library message or request data.
 */
public class ProblemException extends RuntimeException {

    private final ProblemKind kind;
    private final Map<String, String> headers;
    private final List<Problem.FieldError> errors;

    public ProblemException(ProblemKind kind, String detail) {
        this(kind, detail, Map.of());
    }

    public ProblemException(ProblemKind kind, String detail, Map<String, String> headers) {
        this(kind, detail, headers, null);
    }

    private ProblemException(ProblemKind kind, String detail, Map<String, String> headers,
            List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.kind = kind;
        this.headers = Map.copyOf(headers);
        this.errors = errors == null ? null : List.copyOf(errors);
    }

    /** A validation failure found by service logic rather than by a constraint annotation. */
    public static ProblemException invalid(String field, String message) {
        return new ProblemException(ProblemKind.VALIDATION, "The request has invalid fields.", Map.of(),
                List.of(new Problem.FieldError(field, message)));
    }

    /**
     * What a client is told to wait when a dependency (database, Redis, another service) is down: long enough
     * not to hammer it while it recovers, short enough that a blip costs a user seconds, not minutes.
     */
    public static final Duration DEPENDENCY_RETRY = Duration.ofSeconds(5);

    /** A 503 for a dependency that is unavailable, with {@link #DEPENDENCY_RETRY} as Retry-After. */
    public static ProblemException dependencyUnavailable(String detail) {
        return retryAfter(ProblemKind.SERVICE_UNAVAILABLE, detail, DEPENDENCY_RETRY);
    }

    public static ProblemException retryAfter(ProblemKind kind, String detail, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new ProblemException(kind, detail, Map.of("Retry-After", Long.toString(seconds)));
    }

    public ProblemKind kind() {
        return kind;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** Field errors of a validation failure; null otherwise. */
    public List<Problem.FieldError> errors() {
        return errors;
    }
}
