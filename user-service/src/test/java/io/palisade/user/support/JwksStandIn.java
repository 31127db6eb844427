package io.palisade.user.support;

import io.palisade.common.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server standing in for auth-service's JWKS endpoint, serving common's test JWKS. It counts the
 * fetches and, while {@link #down} is set, drops every connection as a crashed auth-service would.
 */
public class JwksStandIn implements QuarkusTestResourceLifecycleManager {

    public static final AtomicInteger FETCHES = new AtomicInteger();
    public static volatile boolean down;

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        String jwks = TestTokens.resource("testkeys/jwks.json");
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            FETCHES.incrementAndGet();
            if (down) {
                request.connection().close();
                return;
            }
            request.response().putHeader("Content-Type", "application/json").end(jwks);
        });
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the JWKS stand-in did not start", e);
        }
        return Map.of("palisade.jwt.jwks-url", "http://127.0.0.1:" + server.actualPort() + "/.well-known/jwks.json");
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
