package io.palisade.gateway.framing;

import io.netty.handler.codec.http.HttpMessage;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;

/**
 * Vert.x's request decoder, except for one case: Netty quietly removes a Content-Length that arrives with
 * {@code Transfer-Encoding: chunked} on HTTP/1.1 (RFC 9112 lets a server go by the chunks alone), which
 * erases the evidence that a proxy in front may have framed the same bytes by the length. Here the head is
 * invalid instead, so the codec answers 400 and closes the connection before a byte of the body is read.
 */
final class StrictRequestDecoder extends VertxHttpRequestDecoder {

    StrictRequestDecoder(HttpServerOptions options) {
        super(options);
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        throw new IllegalArgumentException("Transfer-Encoding together with Content-Length");
    }
}
