package io.palisade.gateway.framing;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/** Cleartext HTTP/2 on the public port only when {@code palisade.gateway.http2.cleartext} says so. */
@ApplicationScoped
class CleartextHttp2 implements HttpServerOptionsCustomizer {

    private final Http2Config config;

    CleartextHttp2(Http2Config config) {
        this.config = config;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(config.cleartext());
    }
}
