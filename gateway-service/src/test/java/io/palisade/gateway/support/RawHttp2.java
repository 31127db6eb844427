package io.palisade.gateway.support;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Speaks HTTP/2 by prior knowledge, frame by frame, without the checks a client library makes: header values
 * go out as the test writes them (CR, LF and NUL included), and a body may come without content-length. One
 * request per connection, answered by its status, or by -1 when the stream or connection was reset.
 */
public final class RawHttp2 {

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final int DATA = 0x0;
    private static final int HEADERS = 0x1;
    private static final int RST_STREAM = 0x3;
    private static final int SETTINGS = 0x4;
    private static final int GOAWAY = 0x7;
    private static final int END_STREAM = 0x1;
    private static final int END_HEADERS = 0x4;
    private static final int ACK = 0x1;
    private static final int PADDED = 0x8;
    private static final int PRIORITY = 0x20;

    private RawHttp2() {
    }

    /** The status of {@code method path} with {@code headers} (name, value pairs) and an optional body. */
    public static int exchange(int port, String method, String path, List<Map.Entry<String, String>> headers,
            byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(PREFACE);
            frame(out, SETTINGS, 0, 0, new byte[0]);
            Http2Headers head = new DefaultHttp2Headers(false, false, 16).method(method).path(path).scheme("http")
                    .authority("127.0.0.1:" + port);
            headers.forEach(header -> head.add(header.getKey(), header.getValue()));
            ByteBuf block = Unpooled.buffer();
            new DefaultHttp2HeadersEncoder(DefaultHttp2HeadersEncoder.NEVER_SENSITIVE, true).encodeHeaders(1, head, block);
            byte[] encoded = new byte[block.readableBytes()];
            block.readBytes(encoded);
            frame(out, HEADERS, END_HEADERS | (body == null ? END_STREAM : 0), 1, encoded);
            if (body != null) {
                frame(out, DATA, END_STREAM, 1, body);
            }
            out.flush();
            return readStatus(new DataInputStream(socket.getInputStream()), out);
        } catch (SocketTimeoutException silent) {
            throw new AssertionError("no answer within 10 s: the request hangs", silent);
        } catch (IOException | Http2Exception e) {
            return -1;
        }
    }

    private static int readStatus(DataInputStream in, OutputStream out) throws IOException, Http2Exception {
        DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false);
        while (true) {
            int length = in.readUnsignedShort() << 8 | in.readUnsignedByte();
            int type = in.readUnsignedByte();
            int flags = in.readUnsignedByte();
            int stream = in.readInt() & 0x7FFF_FFFF;
            byte[] payload = in.readNBytes(length);
            if (type == SETTINGS && (flags & ACK) == 0) {
                frame(out, SETTINGS, ACK, 0, new byte[0]);
            } else if (type == HEADERS && stream == 1) {
                Http2Headers answer = decoder.decodeHeaders(1, headerBlock(payload, flags));
                return Integer.parseInt(answer.status().toString());
            } else if (type == RST_STREAM && stream == 1 || type == GOAWAY) {
                return -1;
            }
        }
    }

    /** A HEADERS payload without its padding and priority fields (RFC 9113 section 6.2). */
    private static ByteBuf headerBlock(byte[] payload, int flags) {
        int start = 0;
        int end = payload.length;
        if ((flags & PADDED) != 0) {
            end -= payload[0] & 0xFF;
            start = 1;
        }
        if ((flags & PRIORITY) != 0) {
            start += 5;
        }
        return Unpooled.wrappedBuffer(payload, start, end - start);
    }

    private static void frame(OutputStream out, int type, int flags, int stream, byte[] payload) throws IOException {
        out.write(new byte[] {(byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length,
                (byte) type, (byte) flags, (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8),
                (byte) stream});
        out.write(payload);
    }
}
