package io.palisade.gateway.routing;

import io.palisade.gateway.ratelimit.Policy;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The gateway's whole routing policy, decided on the raw path before anything else looks at it. A path with
 * matrix parameters, encoded separators or dots, backslashes, empty or dot segments is refused outright:
 * such a path could be read one way here and another way by the upstream, and so reach a route, or skip a
 * policy, that the same path written plainly would not. {@code /internal/**} and everything not listed is
 * not routed at all.
 */
@ApplicationScoped
public class RouteTable {

    /** Why a path was not routed. */
    public enum Refusal {
        /** Not a path we can read unambiguously: 400. */
        AMBIGUOUS,
        /** A well-formed path that no route serves: 404. */
        UNKNOWN
    }

    /** A decision: a route, or a refusal. */
    public record Decision(Optional<Route> route, Refusal refusal) {
        static Decision to(Route route) {
            return new Decision(Optional.of(route), null);
        }

        static Decision refused(Refusal refusal) {
            return new Decision(Optional.empty(), refusal);
        }
    }

    private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9._~!$&'()*+,=:@%-]+)+");

    private static final Route LOGIN = new Route("login", Route.Upstream.AUTH, Policy.LOGIN, false);
    private static final Route REGISTER = new Route("register", Route.Upstream.AUTH, Policy.REGISTER, false);
    private static final Route AUTH = new Route("auth", Route.Upstream.AUTH, Policy.AUTH, false);
    private static final Route JWKS = new Route("jwks", Route.Upstream.AUTH, Policy.API, false);
    private static final Route USERS = new Route("users", Route.Upstream.USER, Policy.API, true);

    public Decision route(HttpMethod method, String rawPath) {
        if (rawPath == null || !isUnambiguous(rawPath)) {
            return Decision.refused(Refusal.AMBIGUOUS);
        }
        if (rawPath.equals("/api/auth/login")) {
            return Decision.to(method == HttpMethod.POST ? LOGIN : AUTH);
        }
        if (rawPath.equals("/api/auth/register")) {
            return Decision.to(method == HttpMethod.POST ? REGISTER : AUTH);
        }
        if (rawPath.startsWith("/api/auth/")) {
            return Decision.to(AUTH);
        }
        if (rawPath.equals("/.well-known/jwks.json")) {
            return Decision.to(JWKS);
        }
        if (rawPath.equals("/api/users") || rawPath.startsWith("/api/users/")) {
            return Decision.to(USERS);
        }
        return Decision.refused(Refusal.UNKNOWN);
    }

    static boolean isUnambiguous(String rawPath) {
        if (!SAFE_PATH.matcher(rawPath).matches()) {
            return false; // empty segments (//), a trailing slash, backslashes, ';' and anything unusual
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%2e") || lower.contains("%3b")
                || lower.contains("%00") || lower.contains("%25")) {
            return false; // encoded separators, dots, matrix markers, NULs, and double encoding
        }
        for (String segment : rawPath.substring(1).split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
