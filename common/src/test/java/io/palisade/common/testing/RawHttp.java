package io.palisade.common.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Sends a request line exactly as written. HTTP clients normalise paths ({@code //}, dot segments) before
 * sending, which would hide the very path tricks a test means to send.
 */
public final class RawHttp {

    private static final int CHUNK = 4096;

    private RawHttp() {
    }

    /** The status code of {@code GET path} sent verbatim to 127.0.0.1:{@code port}. */
    public static int get(int port, String path, String... headerLines) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            writeHead(out, port, "GET", path, "Connection: close", headerLines);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder statusLine = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                statusLine.append((char) c);
            }
            return Integer.parseInt(statusLine.toString().split(" ")[1]);
        } catch (IOException e) {
            throw new IllegalStateException("raw request to " + path + " failed", e);
        }
    }

    /** The status line and headers of an answer. */
    public record Answer(int status, String head) {

        /** The value of header {@code name}, or null. */
        public String header(String name) {
            return head.lines().filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                    .map(line -> line.substring(name.length() + 1).trim()).findFirst().orElse(null);
        }
    }

    /**
     * Sends {@code body} chunked, with no Content-Length, and returns the answer. Stops sending early when the
     * server answers first, as a server that enforces a limit does.
     */
    public static Answer chunked(int port, String method, String path, byte[] body, String... headerLines) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            writeHead(out, port, method, path, "Connection: close\r\nTransfer-Encoding: chunked", headerLines);
            try {
                for (int sent = 0; sent < body.length && in.available() == 0; sent += CHUNK) {
                    int size = Math.min(CHUNK, body.length - sent);
                    out.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body, sent, size);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException closedEarly) {
                // The server answered and closed while the body was still coming: read what it said.
            }
            StringBuilder head = new StringBuilder();
            int c;
            while ((c = in.read()) != -1) {
                head.append((char) c);
                if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                    break;
                }
            }
            String text = head.toString();
            if (!text.startsWith("HTTP/")) {
                throw new IllegalStateException("no answer to " + method + " " + path + ", got: " + text);
            }
            return new Answer(Integer.parseInt(text.split(" ")[1]), text);
        } catch (IOException e) {
            throw new IllegalStateException("chunked request to " + path + " failed", e);
        }
    }

    /**
     * Streams a body of {@code bodyBytes}, declared in Content-Length, on a keep-alive connection without
     * reading the answer; returns how many bytes went out before the server closed the connection, or -1 if it
     * took them all.
     */
    public static long bytesSentBeforeClose(int port, String method, String path, long bodyBytes,
            String... headerLines) {
        return sentBeforeClose(port, method, path, bodyBytes, false, headerLines);
    }

    /** {@link #bytesSentBeforeClose}, with the body sent chunked and no Content-Length. */
    public static long chunkedBytesSentBeforeClose(int port, String method, String path, long bodyBytes,
            String... headerLines) {
        return sentBeforeClose(port, method, path, bodyBytes, true, headerLines);
    }

    private static long sentBeforeClose(int port, String method, String path, long bodyBytes, boolean chunked,
            String... headerLines) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            writeHead(out, port, method, path, chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + bodyBytes,
                    headerLines);
            byte[] chunk = new byte[64 * 1024];
            byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            byte[] end = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
            long sent = 0;
            try {
                while (sent < bodyBytes) {
                    if (chunked) {
                        out.write(size);
                    }
                    out.write(chunk);
                    if (chunked) {
                        out.write(end);
                    }
                    sent += chunk.length;
                }
                return -1;
            } catch (IOException closedByServer) {
                return sent;
            }
        } catch (IOException e) {
            throw new IllegalStateException("streamed request to " + path + " failed", e);
        }
    }

    /** Everything a server sent back on one connection, and whether it closed that connection itself. */
    public record Exchange(String received, boolean closedByServer) {

        /** The status codes of the answers, in the order they came. */
        public List<Integer> statuses() {
            return Pattern.compile("HTTP/1\\.[01] (\\d{3}) ").matcher(received).results()
                    .map(m -> Integer.parseInt(m.group(1))).toList();
        }
    }

    /**
     * Writes {@code bytes} exactly as given to 127.0.0.1:{@code port} and reads until the server closes the
     * connection or stays silent for {@code silenceMillis}.
     */
    public static Exchange exchange(int port, String bytes, int silenceMillis) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(silenceMillis);
            socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            StringBuilder received = new StringBuilder();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) != -1; ) {
                    received.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                }
                return new Exchange(received.toString(), true);
            } catch (SocketTimeoutException stillOpen) {
                return new Exchange(received.toString(), false);
            } catch (IOException reset) {
                return new Exchange(received.toString(), true);
            }
        } catch (IOException e) {
            throw new IllegalStateException("raw exchange failed", e);
        }
    }

    private static void writeHead(OutputStream out, int port, String method, String path, String framing,
            String... headerLines) throws IOException {
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1:")
                .append(port).append("\r\n").append(framing).append("\r\n");
        for (String header : headerLines) {
            head.append(header).append("\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    }
}
