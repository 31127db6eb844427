package io.palisade.gateway.framing;

import io.palisade.common.problem.ProblemKind;
import io.palisade.common.problem.Problems;
import io.palisade.gateway.GatewayFilterOrder;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Refuses a request whose body length two HTTP parsers could read differently, before anything routes it:
 * Transfer-Encoding on HTTP/1.0 (which has no chunked coding), any transfer coding but exactly
 * {@code chunked}, Transfer-Encoding beside Content-Length, and several Content-Length values. A proxy in
 * front of us that picks the other reading would see the rest of the body as a second request of its own:
 * request smuggling. The answer is a 400 and the connection is closed after it, because after an
 * ambiguous head nobody knows where the next request would start. Netty drops a Content-Length that comes
 * with chunked HTTP/1.1 before this filter runs; common's strict decoder ({@code CodecGuard}) refuses that case
 * in the codec.
 */
@ApplicationScoped
class RequestFraming {

    /** Connections that sent an ambiguous head: whatever else arrives on them is never read as a request. */
    private final Set<HttpConnection> condemned =
            Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    void install(@Observes Router router) {
        router.route().order(GatewayFilterOrder.FRAMING).handler(ctx -> {
            HttpConnection connection = ctx.request().connection();
            if (condemned.contains(connection)) {
                // Bytes past an ambiguous head are the very thing a smuggler hides there: never answered, never read.
                ctx.response().reset();
            } else if (isAmbiguous(ctx.request())) {
                refuse(ctx);
            } else if (ctx.request().version() == HttpVersion.HTTP_2 && HeaderBytes.anyForbidden(ctx.request().headers())) {
                // Said without the value: it is the attacker's, and a log line is no place for a CR or LF.
                Problems.write(ctx, ProblemKind.MALFORMED_REQUEST,
                        "A header name or value holds a character HTTP does not allow.", Map.of());
            } else {
                ctx.next();
            }
        });
    }

    static boolean isAmbiguous(HttpServerRequest request) {
        List<String> lengths = request.headers().getAll(HttpHeaders.CONTENT_LENGTH);
        List<String> codings = request.headers().getAll(HttpHeaders.TRANSFER_ENCODING);
        if (lengths.size() > 1) {
            return true;
        }
        if (codings.isEmpty()) {
            return false;
        }
        return request.version() == HttpVersion.HTTP_1_0 || codings.size() > 1
                || !codings.get(0).strip().equalsIgnoreCase("chunked") || !lengths.isEmpty();
    }

    private void refuse(RoutingContext ctx) {
        HttpConnection connection = ctx.request().connection();
        condemned.add(connection);
        // Vert.x keeps a keep-alive connection open whatever the response says: close it once the 400 is out.
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        ctx.addEndHandler(answered -> connection.close());
        Problems.write(ctx, ProblemKind.MALFORMED_REQUEST,
                "The request's body length is ambiguous; send one Content-Length or Transfer-Encoding: chunked.",
                Map.of());
    }
}
