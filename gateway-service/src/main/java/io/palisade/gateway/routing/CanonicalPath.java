package io.palisade.gateway.routing;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one reading of a request path that the gateway routes, limits and forwards. A service's router
 * percent-decodes a path before matching it, so {@code /api/auth/logi%6E} is its login route: matching the
 * raw text here would count that request under another policy. So percent-encoded unreserved characters
 * (RFC 3986 2.3) are decoded and the hex of every other escape upper-cased (RFC 3986 6.2.2), which are the
 * normalisations that never change what a path means. Whatever could still be read two ways after that is
 * refused: encoded separators ({@code %2F}, {@code %5C}), matrix parameters ({@code ;}, {@code %3B}),
 * NULs, double encoding ({@code %25}), empty and dot segments (also when written {@code %2E}), a trailing
 * slash, a malformed escape, and any character a path does not carry unencoded.
 */
final class CanonicalPath {

    private static final Pattern SEGMENTS = Pattern.compile("(/[A-Za-z0-9._~!$&'()*+,=:@%-]+)+");
    private static final String REFUSED_ESCAPES = "%2F %5C %3B %00 %25";

    private CanonicalPath() {
    }

    /** The canonical form of {@code rawPath}, or empty when it cannot be read unambiguously. */
    public static Optional<String> of(String rawPath) {
        if (rawPath == null) {
            return Optional.empty();
        }
        if (rawPath.equals("/")) {
            return Optional.of(rawPath);
        }
        if (!SEGMENTS.matcher(rawPath).matches()) {
            return Optional.empty();
        }
        StringBuilder canonical = new StringBuilder(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c != '%') {
                canonical.append(c);
                continue;
            }
            if (i + 2 >= rawPath.length() || hex(rawPath.charAt(i + 1)) < 0 || hex(rawPath.charAt(i + 2)) < 0) {
                return Optional.empty();
            }
            char decoded = (char) (hex(rawPath.charAt(i + 1)) * 16 + hex(rawPath.charAt(i + 2)));
            String escape = "%" + Character.toUpperCase(rawPath.charAt(i + 1))
                    + Character.toUpperCase(rawPath.charAt(i + 2));
            if (REFUSED_ESCAPES.contains(escape)) {
                return Optional.empty();
            }
            canonical.append(isUnreserved(decoded) ? String.valueOf(decoded) : escape);
            i += 2;
        }
        for (String segment : canonical.substring(1).split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.empty();
            }
        }
        return Optional.of(canonical.toString());
    }

    private static boolean isUnreserved(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
                || c == '~';
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
