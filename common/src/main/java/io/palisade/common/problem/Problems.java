package io.palisade.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.palisade.common.requestid.RequestIds;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** Builds problem documents and writes them, from JAX-RS code and from plain Vert.x routes alike. */
public final class Problems {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String WWW_AUTHENTICATE = "WWW-Authenticate";

    /** The challenge for a token that was presented and refused (RFC 6750 section 3.1). */
    public static final Map<String, String> INVALID_TOKEN = Map.of(WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");

    private Problems() {
    }

    public static Problem of(ProblemKind kind, String detail, String instance) {
        return of(kind, detail, instance, null);
    }

    public static Problem of(ProblemKind kind, String detail, String instance, List<Problem.FieldError> errors) {
        return new Problem(kind.type(), kind.title(), kind.status(), detail, instance, RequestIds.current(), errors);
    }

    public static Response response(Problem problem, Map<String, String> headers) {
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem);
        headers.forEach(builder::header);
        if (problem.status() == 401 && !headers.containsKey(WWW_AUTHENTICATE)) {
            builder.header(WWW_AUTHENTICATE, "Bearer");
        }
        return builder.build();
    }

    /** Ends a Vert.x request with a problem; used where no JAX-RS resource is involved. */
    public static void write(RoutingContext ctx, ProblemKind kind, String detail, Map<String, String> headers) {
        HttpServerResponse response = ctx.response();
        if (response.ended()) {
            return;
        }
        if (response.headWritten()) {
            // Part of another answer already went out: the only honest thing left is to cut it short.
            response.reset();
            return;
        }
        Problem problem = new Problem(kind.type(), kind.title(), kind.status(), detail, ctx.normalizedPath(),
                RequestIds.of(ctx), null);
        headers.forEach(response::putHeader);
        if (kind.status() == 401 && !headers.containsKey(WWW_AUTHENTICATE)) {
            response.putHeader(WWW_AUTHENTICATE, "Bearer");
        }
        response.setStatusCode(kind.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (ctx.request().method() == io.vertx.core.http.HttpMethod.HEAD) {
            response.end();
        } else {
            response.end(serialize(problem));
        }
    }

    static String serialize(Problem problem) {
        try {
            return MAPPER.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem document must always serialise", e);
        }
    }
}
