package io.palisade.common.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.palisade.common.events.SecurityEvent;
import io.palisade.common.events.SecurityEvents;
import io.palisade.common.requestid.RequestIds;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every exception that reaches JAX-RS into problem+json. Client-facing text comes from our own
 * catalogue: a library message can name classes, SQL or the token it choked on, so it goes to the log only.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** Headers of a framework answer that the problem must keep (Allow on a 405, for one). */
    private static final List<String> KEPT_HEADERS = List.of("Allow", "Retry-After");

    private final SecurityEvents events;
    private final AllowedMethods allowedMethods;

    ProblemMappers(SecurityEvents events, AllowedMethods allowedMethods) {
        this.events = events;
        this.allowedMethods = allowedMethods;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        return Problems.response(Problems.of(e.kind(), e.getMessage(), request.path(), e.errors()), e.headers());
    }

    @ServerExceptionMapper
    public Response violation(ConstraintViolationException e, HttpServerRequest request) {
        if (e.getConstraintViolations().stream().anyMatch(ProblemMappers::isReturnValue)) {
            // A resource answering with an invalid value is our bug, not the client's.
            return unexpected(e, request);
        }
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return Problems.response(Problems.of(ProblemKind.VALIDATION, "The request has invalid fields.",
                request.path(), errors), Map.of());
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, HttpServerRequest request) {
        return Problems.response(Problems.of(ProblemKind.VALIDATION, "The request has a field this route does not accept.",
                request.path(), List.of(new Problem.FieldError(jsonPath(e), "unknown field"))), Map.of());
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, HttpServerRequest request) {
        String path = jsonPath(e);
        if (path.isEmpty()) {
            return malformed(e, request);
        }
        return Problems.response(Problems.of(ProblemKind.VALIDATION, "A field has a value of the wrong type.",
                request.path(), List.of(new Problem.FieldError(path, "wrong type or missing value"))), Map.of());
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e, HttpServerRequest request) {
        LOG.debugf("rejected request body: %s", e.getClass().getSimpleName());
        String detail = e instanceof StreamConstraintsException
                ? "The request body nests too deeply or holds a value that is too long."
                : e instanceof JsonParseException && e.getOriginalMessage() != null
                        && e.getOriginalMessage().startsWith("Duplicate field")
                        ? "The request body repeats a field."
                        : "The request body is not valid JSON for this route.";
        return Problems.response(Problems.of(ProblemKind.MALFORMED_REQUEST, detail, request.path()), Map.of());
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationCompletionException.class})
    public Response unauthenticated(HttpServerRequest request) {
        return Problems.response(Problems.of(ProblemKind.UNAUTHENTICATED,
                "A valid bearer access token is required.", request.path()), Map.of());
    }

    /** A token was presented and refused (bad, expired, of a revoked session): RFC 6750's invalid_token. */
    @ServerExceptionMapper(AuthenticationFailedException.class)
    public Response invalidToken(HttpServerRequest request) {
        return Problems.response(Problems.of(ProblemKind.UNAUTHENTICATED,
                "A valid bearer access token is required.", request.path()), Problems.INVALID_TOKEN);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        events.record(SecurityEvent.AUTHORIZATION_DENIED);
        return Problems.response(Problems.of(ProblemKind.FORBIDDEN,
                "This token does not grant access to this route.", request.path()), Map.of());
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e, HttpServerRequest request) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (status >= 500) {
            return unexpected(e, request);
        }
        Map<String, String> headers = new HashMap<>();
        for (String name : KEPT_HEADERS) {
            String value = original.getHeaderString(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        if (status == 405 && !headers.containsKey("Allow")) {
            String allow = allowedMethods.allowFor(request.path());
            if (allow != null) {
                headers.put("Allow", allow);
            }
        }
        ProblemKind kind = ProblemKind.forStatus(status);
        Problem problem = new Problem(kind.type(), kind.title(), status, frameworkDetail(status), request.path(),
                RequestIds.current(), null);
        return Problems.response(problem, headers);
    }

    /**
     * A dependency could not be reached: it refused the connection (the database restarting, a peer's pod gone),
     * or Vert.x gave up on it (no pooled connection within the timeout, a connection closed mid-query). That is
     * API.md's "dependency unavailable": 503 with a Retry-After, not a 500 the client would not retry.
     */
    @ServerExceptionMapper({ConnectException.class, VertxException.class})
    public Response dependencyUnavailable(Exception e, HttpServerRequest request) {
        LOG.warnf("dependency unavailable on %s %s: %s", request.method(), request.path(), e.getMessage());
        return problem(ProblemException.dependencyUnavailable(
                "A service this request needs is unavailable; try again shortly."), request);
    }

    /**
     * The client's connection failed while its body was being read: a cancelled upload, a gateway resetting its
     * upstream. That is ordinary at an edge and no fault of the service, so it is logged at DEBUG, not as the
     * ERROR an operator's alert watches for; nobody is left to read the answer. Any other I/O failure is unexpected.
     */
    @ServerExceptionMapper
    public Response connectionLost(IOException e, HttpServerRequest request) {
        if (!lostConnection(e)) {
            return unexpected(e, request);
        }
        LOG.debugf("connection lost while reading %s %s: %s", request.method(), request.path(), e.getMessage());
        return Problems.response(Problems.of(ProblemKind.MALFORMED_REQUEST, "The request body did not arrive whole.",
                request.path()), Map.of());
    }

    /** Whether a lost connection caused {@code e}: Vert.x's closed connection, or the socket's reset. */
    private static boolean lostConnection(Throwable e) {
        // Bounded: a cause chain may loop.
        Throwable cause = e;
        for (int depth = 0; cause != null && depth < 8; depth++, cause = cause.getCause()) {
            if (cause instanceof HttpClosedException || cause instanceof SocketException) {
                return true;
            }
        }
        return false;
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, HttpServerRequest request) {
        LOG.errorf(e, "unexpected failure on %s %s", request.method(), request.path());
        return Problems.response(Problems.of(ProblemKind.INTERNAL,
                "The request could not be completed. Quote the request id when reporting this.", request.path()),
                Map.of());
    }

    private static String frameworkDetail(int status) {
        return switch (status) {
            case 400 -> "A path or query parameter is malformed.";
            case 404 -> "No resource at this path.";
            case 405 -> "This route does not support that method.";
            case 406 -> "This route cannot produce an acceptable representation.";
            case 413 -> "The request body is larger than this route accepts.";
            case 415 -> "This route does not accept that content type.";
            default -> "The request was refused.";
        };
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        // The first nodes name the Java method and parameter; clients know only the JSON field path.
        List<Path.Node> nodes = StreamSupport.stream(violation.getPropertyPath().spliterator(), false).toList();
        String joined = nodes.stream()
                .filter(n -> n.getKind() == jakarta.validation.ElementKind.PROPERTY
                        || n.getKind() == jakarta.validation.ElementKind.CONTAINER_ELEMENT)
                .map(Path.Node::getName)
                .filter(n -> n != null && !n.startsWith("<"))
                .collect(Collectors.joining("."));
        if (!joined.isEmpty()) {
            return joined;
        }
        return nodes.isEmpty() ? "" : nodes.get(nodes.size() - 1).getName();
    }

    private static boolean isReturnValue(ConstraintViolation<?> violation) {
        return StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
                .anyMatch(node -> node.getKind() == jakarta.validation.ElementKind.RETURN_VALUE);
    }

    private static String jsonPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
