package io.palisade.auth.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server standing in for user-service's {@code PUT /internal/profiles/{id}}: it records every
 * call (path, Authorization header, body) and answers 204, or 503 while {@link #failing} is set.
 */
public class UserServiceStandIn implements QuarkusTestResourceLifecycleManager {

    public record Call(String path, String authorization, JsonObject body) {
    }

    public static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    public static volatile boolean failing;

    private Vertx vertx;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            CALLS.add(new Call(request.path(), request.getHeader("Authorization"),
                    body.length() == 0 ? new JsonObject() : body.toJsonObject()));
            request.response().setStatusCode(failing ? 503 : 204).end();
        }));
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the user-service stand-in did not start", e);
        }
        return Map.of("palisade.auth.user-service-url", "http://127.0.0.1:" + server.actualPort());
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
