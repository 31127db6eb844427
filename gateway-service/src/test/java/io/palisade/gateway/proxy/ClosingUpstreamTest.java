package io.palisade.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A healthy upstream that closes each keep-alive connection 50 ms after answering, as servers with a short idle
 * timeout do: the gateway reuses some of those connections just as they close. No client may pay for that
 * with a 502.
 */
@QuarkusTest
@TestProfile(ClosingUpstreamTest.ClosingUpstream.class)
class ClosingUpstreamTest {

    public static class ClosingUpstream implements QuarkusTestProfile {
        private static final Vertx VERTX = Vertx.vertx();

        @Override
        public Map<String, String> getConfigOverrides() {
            int port;
            try {
                port = VERTX.createHttpServer().requestHandler(request -> request.endHandler(v -> {
                    request.response().putHeader("Content-Type", "application/json").end("{}");
                    VERTX.setTimer(50, fired -> request.connection().close());
                })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                        .actualPort();
            } catch (Exception e) {
                throw new IllegalStateException("closing upstream did not start", e);
            }
            return Map.of("palisade.gateway.upstream.user-url", "http://127.0.0.1:" + port,
                    "palisade.gateway.rate-limit.enabled", "false");
        }
    }

    @Test
    void fiveHundredSequentialGetsGetNoBadGateway() throws InterruptedException {
        String token = TestTokens.user(UUID.randomUUID()).sign();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            statuses.add(given().auth().oauth2(token).get("/api/users/me").statusCode());
            // Requests land before, at and after the moment the upstream closes the connection they would reuse.
            Thread.sleep(ThreadLocalRandom.current().nextInt(40, 60));
        }
        assertThat(statuses).containsOnly(200);
    }
}
