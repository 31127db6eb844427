package io.palisade.gateway.routing;

import io.palisade.gateway.ratelimit.Policy;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A route as configured: the canonical path it claims (exactly, or as a prefix), the methods it takes (all when
 * empty), where it goes, what the edge asks of the caller's token, what one request costs under its policy, and
 * its own body limit and response timeout, if it sets them.
 */
record Route(String name, String path, boolean prefix, Set<HttpMethod> methods, URI upstream, RouteConfig.Auth auth,
        Set<String> roles, Policy policy, int cost, OptionalLong bodyLimit, Optional<Duration> responseTimeout) {

    /** Whether {@code canonicalPath} is this route's path, or, for a prefix, under it. */
    boolean claims(String canonicalPath) {
        return prefix ? canonicalPath.equals(path) || canonicalPath.startsWith(path + "/") : canonicalPath.equals(path);
    }

    boolean takes(HttpMethod method) {
        return methods.isEmpty() || methods.contains(method);
    }

    /** Exact paths first, then longer prefixes before shorter ones. */
    int specificity() {
        return prefix ? path.length() : Integer.MAX_VALUE;
    }

    /** How the route is written in configuration: {@code /api/orders/**} or {@code /api/search}. */
    String pattern() {
        return prefix ? path + "/**" : path;
    }
}
