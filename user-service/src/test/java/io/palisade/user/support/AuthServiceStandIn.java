package io.palisade.user.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server standing in for auth-service's {@code DELETE /internal/accounts/{id}}: it records the
 * Authorization header it was given and answers 204, drops the connection while {@link #down} is set, and
 * never answers while {@link #hung} is set. {@link #ARRIVED} counts every request that reached it.
 */
public class AuthServiceStandIn implements QuarkusTestResourceLifecycleManager {

    public record Call(String method, String path, String authorization) {
    }

    public static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    public static final AtomicInteger ARRIVED = new AtomicInteger();
    public static volatile boolean down;
    public static volatile boolean hung;
    /** The status of an answer while up. */
    public static volatile int status = 204;

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            ARRIVED.incrementAndGet();
            if (hung) {
                return;
            }
            if (down) {
                request.connection().close();
                return;
            }
            CALLS.add(new Call(request.method().name(), request.path(), request.getHeader("Authorization")));
            request.response().setStatusCode(status).end();
        });
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the auth-service stand-in did not start", e);
        }
        return Map.of("quarkus.rest-client.auth-service.url", "http://127.0.0.1:" + server.actualPort());
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
