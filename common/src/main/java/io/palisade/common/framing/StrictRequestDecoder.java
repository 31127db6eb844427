package io.palisade.common.framing;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectDecoder;
import io.netty.util.AsciiString;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import java.lang.reflect.Field;
import java.util.List;

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
 * <li>A chunk size is summed into an int whose overflow check misses a wrap to a small number: {@code 100000003}
 * is read as 3, and a proxy in front that reads the 33-bit size sees the rest as body while we read it as the
 * next request. A size line whose value passes the largest int gets a non-hex digit in its place before Netty
 * reads it, so it meets the same refusal as any other malformed size (the connection is closed and nothing
 * of the request goes further). No route takes a body near that size anyway.</li>
 * </ul>
 * Netty keeps its decoding state private; the chunk-size check reads it reflectively (registered for the native
 * image), and {@code RequestSmugglingTest} fails if a Netty upgrade renames it.
 */
@RegisterForReflection(targets = HttpObjectDecoder.class, fields = true)
final class StrictRequestDecoder extends VertxHttpRequestDecoder {

    private static final Field STATE = decoderState();
    private static final Object READING_CHUNK_SIZE = readingChunkSize();

    /** Content-Length lines in the head being decoded; a connection decodes one head at a time. */
    private int contentLengths;
    /** The value of the chunk-size line being read so far, which may arrive over several reads. */
    private long chunkSize;
    /** That line's hex digits so far, and whether they have ended (an extension or whitespace follows). */
    private int chunkSizeDigits;
    private boolean chunkSizeDigitsEnded;

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
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        if (STATE.get(this) == READING_CHUNK_SIZE) {
            guardChunkSize(buffer);
        }
        super.decode(ctx, buffer, out);
    }

    /**
     * Reads along the chunk-size line Netty is about to read, from where it stands to its line feed or the end of
     * what has arrived (Netty keeps a partial line and goes on with it at the next read, and so does this).
     */
    private void guardChunkSize(ByteBuf buffer) {
        for (int i = buffer.readerIndex(); i < buffer.writerIndex(); i++) {
            byte b = buffer.getByte(i);
            if (b == '\n') {
                chunkSize = 0;
                chunkSizeDigits = 0;
                chunkSizeDigitsEnded = false;
                return;
            }
            if (chunkSizeDigitsEnded) {
                continue;
            }
            int digit = Character.digit(b, 16);
            if (digit < 0) {
                // Whitespace before the digits is skipped, as Netty does; anything else after them ends them.
                chunkSizeDigitsEnded = chunkSizeDigits > 0 || b != ' ' && b != '\t';
                continue;
            }
            chunkSizeDigits++;
            chunkSize = chunkSize * 16 + digit;
            if (chunkSize > Integer.MAX_VALUE) {
                buffer.setByte(i, 'g');
                chunkSizeDigitsEnded = true;
            }
        }
    }

    private static Field decoderState() {
        try {
            Field state = HttpObjectDecoder.class.getDeclaredField("currentState");
            state.setAccessible(true);
            return state;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Netty's HTTP decoder no longer has the state the chunk-size check reads", e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object readingChunkSize() {
        return Enum.valueOf((Class<Enum>) STATE.getType(), "READ_CHUNK_SIZE");
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        throw new IllegalArgumentException("Transfer-Encoding together with Content-Length");
    }
}
