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
}
