package io.palisade.common.testing;

import java.util.Arrays;

/** Request bodies for limit tests. */
public final class JsonBodies {

    private JsonBodies() {
    }

    /** A syntactically valid JSON object of exactly {@code size} bytes, so only its size can be refused. */
    public static byte[] paddedObject(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[size - 1] = '}';
        return body;
    }

    /** {@code json}, an object, padded with spaces before its closing brace to exactly {@code size} bytes. */
    public static byte[] padded(String json, int size) {
        byte[] start = json.substring(0, json.lastIndexOf('}')).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] body = paddedObject(size);
        System.arraycopy(start, 0, body, 0, start.length);
        return body;
    }
}
