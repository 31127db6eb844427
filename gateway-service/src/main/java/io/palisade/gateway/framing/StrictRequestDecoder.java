package io.palisade.gateway.framing;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.util.AsciiString;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;

/**
 * Vert.x's request decoder, except where Netty erases the evidence of an ambiguous length before anyone else
 * can see it, so the head is invalid instead: the codec answers 400 and closes the connection before a byte
 * of the body is read.
 * <ul>
 * <li>A Content-Length that arrives with {@code Transfer-Encoding: chunked} on HTTP/1.1 is quietly removed (RFC
 * 9112 lets a server go by the chunks alone), though a proxy in front may have framed the same bytes by the
 * length.</li>
 * <li>Several Content-Length headers on HTTP/1.0 are collapsed into the first one. With {@code 0} first and the
 * body's length second, a keep-alive connection then read the body as the next request.</li>
 * </ul>
 */
final class StrictRequestDecoder extends VertxHttpRequestDecoder {

    /** Content-Length lines in the head being decoded; a connection decodes one head at a time. */
    private int contentLengths;

    StrictRequestDecoder(HttpServerOptions options) {
        super(options);
    }

    @Override
    protected HttpMessage createMessage(String[] initialLine) {
        contentLengths = 0;
        return super.createMessage(initialLine);
    }

    @Override
    protected AsciiString splitHeaderName(byte[] sb, int start, int length) {
        AsciiString name = super.splitHeaderName(sb, start, length);
        if (HttpHeaderNames.CONTENT_LENGTH.contentEqualsIgnoreCase(name)) {
            contentLengths++;
        }
        return name;
    }

    /** Called once a head is parsed, before its body is framed: where several lengths are still countable. */
    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage message) {
        if (contentLengths > 1) {
            throw new IllegalArgumentException("several Content-Length headers");
        }
        return super.isContentAlwaysEmpty(message);
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        throw new IllegalArgumentException("Transfer-Encoding together with Content-Length");
    }
}
