package io.palisade.gateway.framing;

import io.vertx.core.MultiMap;
import java.util.Map;

/**
 * The bytes RFC 9110 (section 5.5) and RFC 9113 (section 8.2.1) forbid in a field: in a name anything but a
 * token character, in a value NUL, CR, LF and the other controls but horizontal tab. The HTTP/1 codec never
 * lets them through (a CR or LF there ends the line, and it refuses the rest), but an HTTP/2 header arrives
 * as a length and bytes, so a value with CR LF in it is a perfectly framed HPACK string. Copied onto an
 * HTTP/1.1 upstream connection it would be a header injection; the Vert.x client refuses it instead, by
 * throwing once it has leased the connection. So it is refused here, before anything routes the request.
 */
final class HeaderBytes {

    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TOKEN[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TOKEN[c] = true;
            TOKEN[Character.toUpperCase(c)] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TOKEN[c] = true;
        }
    }

    private HeaderBytes() {
    }

    static boolean anyForbidden(MultiMap headers) {
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey();
            // HTTP/2's pseudo-headers (:authority among them, which becomes X-Forwarded-Host) have their values
            // checked too; their names Netty has checked already.
            boolean pseudo = name.startsWith(":");
            if (!pseudo && !isToken(name) || !isFieldValue(header.getValue())) {
                return true;
            }
        }
        return false;
    }

    static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 128 || !TOKEN[c]) {
                return false;
            }
        }
        return true;
    }

    /** Visible characters, spaces, tabs and obs-text (0x80 to 0xFF), as Netty hands a header's octets over. */
    static boolean isFieldValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7F || c > 0xFF) {
                return false;
            }
        }
        return true;
    }
}
