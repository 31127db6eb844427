package io.palisade.user.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server standing in for auth-service's {@code DELETE /internal/accounts/{id}}: it records the
 * Authorization header it was given and answers 204, or drops the connection while {@link #down} is set.
 */
public class AuthServiceStandIn implements QuarkusTestResourceLifecycleManager {

    public record Call(String method, String path, String authorization) {
    }

    public static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    public static volatile boolean down;

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            if (down) {
                request.connection().close();
                return;
            }
            CALLS.add(new Call(request.method().name(), request.path(), request.getHeader("Authorization")));
            request.response().setStatusCode(204).end();
        });
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the auth-service stand-in did not start", e);
        }
        return Map.of("palisade.user.auth-service-url", "http://127.0.0.1:" + server.actualPort());
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
