package io.palisade.auth.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server standing in for user-service's {@code PUT /internal/profiles/{id}}: it records every
 * call (path, Authorization header, body) and answers 204, 503 while {@link #failing} is set, and never
 * while {@link #hung} is set. {@link #ARRIVED} counts every request that reached it.
 */
public class UserServiceStandIn implements QuarkusTestResourceLifecycleManager {

    public record Call(String method, String path, String contentType, String authorization, JsonObject body) {
    }

    public static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    public static final AtomicInteger ARRIVED = new AtomicInteger();
    public static volatile boolean failing;
    public static volatile boolean hung;
    /** The status of a healthy answer. */
    public static volatile int status = 204;

    private Vertx vertx;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            ARRIVED.incrementAndGet();
            if (hung) {
                return;
            }
            CALLS.add(new Call(request.method().name(), request.path(), request.getHeader("Content-Type"),
                    request.getHeader("Authorization"),
                    body.length() == 0 ? new JsonObject() : body.toJsonObject()));
            request.response().setStatusCode(failing ? 503 : status).end();
        }));
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the user-service stand-in did not start", e);
        }
        return Map.of("quarkus.rest-client.user-service.url", "http://127.0.0.1:" + server.actualPort());
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
