package io.palisade.gateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Real HTTP servers standing in for auth-service and user-service. Each records what reached it (method,
 * path, headers, body size) and answers with a JSON echo, except on a few paths that misbehave on purpose:
 * {@code /api/users/stall} never answers, a path ending in {@code /slow} answers after 1.5 s (past the test
 * profile's response timeout), one ending in {@code /stream} sends 64 MiB as fast as it is read, one ending
 * in {@code /refuse} answers 503 before reading the body and closes the connection,
 * {@code /api/users/unavailable} answers 503, and every answer
 * carries headers the gateway must replace (Server, a weak CSP, CORS).
 */
public class Upstreams implements QuarkusTestResourceLifecycleManager {

    public record Received(String upstream, String method, String path, MultiMap headers, long bodyBytes,
            boolean complete) {
    }

    public static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        String orders = "http://127.0.0.1:" + listen("orders");
        Map<String, String> config = new HashMap<>(Map.of(
                "palisade.gateway.upstream.auth-url", "http://127.0.0.1:" + listen("auth"),
                "palisade.gateway.upstream.user-url", "http://127.0.0.1:" + listen("user")));
        // A deployment's own services, as an operator configures them: see routing/ConfiguredRoutesTest.
        config.putAll(Map.of(
                "palisade.gateway.routes.orders.path", "/api/orders/**",
                "palisade.gateway.routes.orders.methods", "GET,POST",
                "palisade.gateway.routes.orders.upstream", orders,
                "palisade.gateway.routes.ordersadmin.path", "/api/orders/admin/**",
                "palisade.gateway.routes.ordersadmin.upstream", orders,
                "palisade.gateway.routes.ordersadmin.roles", "admin",
                "palisade.gateway.routes.search.path", "/api/search",
                "palisade.gateway.routes.search.upstream", orders,
                "palisade.gateway.routes.search.auth", "none",
                "palisade.gateway.routes.search.policy", "search"));
        config.putAll(Map.of(
                "palisade.gateway.routes.catalog.path", "/api/catalog/**",
                "palisade.gateway.routes.catalog.upstream", orders,
                "palisade.gateway.routes.catalog.auth", "optional",
                "palisade.gateway.routes.catalog.policy", "catalog",
                "palisade.gateway.routes.catalog.cost", "3",
                "palisade.gateway.policies.search.limit", "50",
                "palisade.gateway.policies.search.window", "PT1M",
                "palisade.gateway.policies.search.key", "ip",
                "palisade.gateway.policies.catalog.limit", "9",
                "palisade.gateway.policies.catalog.window", "PT1H"));
        config.putAll(Map.of(
                "palisade.gateway.routes.slow.path", "/api/slow/**",
                "palisade.gateway.routes.slow.upstream", orders,
                "palisade.gateway.routes.slow.auth", "none",
                "palisade.gateway.routes.slow.policy", "search",
                "palisade.gateway.routes.slow.response-timeout", "PT5S",
                "palisade.gateway.routes.bulk.path", "/api/bulk",
                "palisade.gateway.routes.bulk.upstream", orders,
                "palisade.gateway.routes.bulk.auth", "none",
                "palisade.gateway.routes.bulk.policy", "search",
                "palisade.gateway.routes.bulk.body-limit", "20480"));
        return config;
    }

    private int listen(String name) {
        HttpServer server = vertx.createHttpServer().requestHandler(request -> handle(name, request));
        try {
            return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                    .actualPort();
        } catch (Exception e) {
            throw new IllegalStateException("upstream stand-in did not start", e);
        }
    }

    private static void handle(String name, HttpServerRequest request) {
        if (request.path().endsWith("/refuse")) {
            // As user-service refuses an upload it has no room for: answered before the body is read, then closed.
            request.response().setStatusCode(503).putHeader("Connection", "close").end()
                    .onComplete(ended -> request.connection().close());
            return;
        }
        long[] bytes = {0};
        request.handler(chunk -> bytes[0] += chunk.length());
        request.exceptionHandler(e -> RECEIVED.add(new Received(name, request.method().name(), request.path(),
                MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), bytes[0], false)));
        request.endHandler(v -> {
            RECEIVED.add(new Received(name, request.method().name(), request.path(),
                    MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), bytes[0], true));
            if (request.path().equals("/api/users/stall")) {
                return;
            }
            if (request.path().endsWith("/stream")) {
                stream(request.response(), 64 * 1024);
                return;
            }
            if (request.path().endsWith("/slow")) {
                Vertx.currentContext().owner().setTimer(1_500, timer -> answer(name, request, bytes[0]));
                return;
            }
            answer(name, request, bytes[0]);
        });
    }

    /** Writes {@code chunks} kilobytes as fast as the reader takes them, then ends. */
    private static void stream(HttpServerResponse response, int chunks) {
        if (!response.headWritten()) {
            response.setChunked(true).putHeader("Content-Type", "application/octet-stream");
        }
        int left = chunks;
        while (left > 0 && !response.writeQueueFull() && !response.closed()) {
            response.write("x".repeat(1024));
            left--;
        }
        if (response.closed()) {
            return;
        }
        if (left == 0) {
            response.end();
            return;
        }
        int rest = left;
        response.drainHandler(v -> stream(response, rest));
    }

    private static void answer(String name, HttpServerRequest request, long bytes) {
        int status = request.path().equals("/api/users/unavailable") ? 503 : 200;
        request.response().setStatusCode(status)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Server", "upstream/1.0")
                    .putHeader("X-Powered-By", "stand-in")
                    .putHeader("Content-Security-Policy", "default-src *")
                    .putHeader("Access-Control-Allow-Origin", "*")
                    .putHeader("X-Request-Id", "upstream-should-not-win")
                    .putHeader("RateLimit", "\"api\";r=999;t=1")
                    .end(new JsonObject().put("upstream", name).put("path", request.path())
                            .put("bytes", bytes).encode());
    }

    /** The last request that reached {@code path}, if any. */
    public static Received last(String path) {
        for (int i = RECEIVED.size() - 1; i >= 0; i--) {
            if (RECEIVED.get(i).path().equals(path)) {
                return RECEIVED.get(i);
            }
        }
        return null;
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
