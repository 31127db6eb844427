package io.palisade.common.problem;

/**
 * The closed catalogue of problem types. A client branches on {@code type}; {@code title} is the same
 * for every occurrence of a type, so it never carries request data.
 */
public enum ProblemKind {
    MALFORMED_REQUEST(400, "malformed-request", "Malformed request"),
    VALIDATION(400, "validation", "Validation failed"),
    INVALID_VERIFICATION_TOKEN(400, "invalid-verification-token", "Invalid verification token"),
    INVALID_RESET_TOKEN(400, "invalid-reset-token", "Invalid reset token"),
    INVALID_EMAIL_CHANGE_TOKEN(400, "invalid-email-change-token", "Invalid email change token"),
    UNAUTHENTICATED(401, "unauthenticated", "Authentication required"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    EMAIL_UNVERIFIED(403, "email-unverified", "Email not verified"),
    PASSWORD_RESET_REQUIRED(403, "password-reset-required", "Password reset required"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    REQUEST_TIMEOUT(408, "request-timeout", "Request timeout"),
    CONFLICT(409, "conflict", "Conflict"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
    INTERNAL(500, "internal", "Internal server error"),
    BAD_GATEWAY(502, "bad-gateway", "Bad gateway"),
    SERVICE_UNAVAILABLE(503, "service-unavailable", "Service unavailable"),
    GATEWAY_TIMEOUT(504, "gateway-timeout", "Gateway timeout");

    private static final String TYPE_PREFIX = "urn:palisade:problem:";

    private final int status;
    private final String type;
    private final String title;

    ProblemKind(int status, String slug, String title) {
        this.status = status;
        this.type = TYPE_PREFIX + slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** The kind a bare status maps to, for statuses raised by the framework rather than by our code. */
    public static ProblemKind forStatus(int status) {
        for (ProblemKind kind : values()) {
            if (kind.status == status && kind != VALIDATION) {
                return kind;
            }
        }
        return status >= 500 ? INTERNAL : MALFORMED_REQUEST;
    }
}
