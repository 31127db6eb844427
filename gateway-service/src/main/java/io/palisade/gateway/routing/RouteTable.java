package io.palisade.gateway.routing;

import io.palisade.gateway.proxy.Upstream;
import io.palisade.gateway.ratelimit.Policy;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The gateway's whole routing policy, decided on the path's {@link CanonicalPath canonical form}, the form
 * it is also forwarded in, so route, rate-limit policy and the upstream's own router all read the same path.
 * A path without a canonical form is refused outright; {@code /internal/**} and everything not listed is
 * not routed at all.
 */
@ApplicationScoped
class RouteTable {

    /** Why a path was not routed. */
    public enum Refusal {
        /** Not a path we can read unambiguously: 400. */
        AMBIGUOUS,
        /** A well-formed path that no route serves: 404. */
        UNKNOWN
    }

    /** A decision: a route and the canonical path it was found on, or a refusal. */
    public record Decision(Optional<Route> route, String path, Refusal refusal) {
        static Decision to(Route route, String path) {
            return new Decision(Optional.of(route), path, null);
        }

        static Decision refused(Refusal refusal) {
            return new Decision(Optional.empty(), null, refusal);
        }
    }

    private static final Route LOGIN = new Route("login", Upstream.AUTH, Policy.LOGIN, false);
    private static final Route REGISTER = new Route("register", Upstream.AUTH, Policy.REGISTER, false);
    private static final Route RECOVERY = new Route("recovery", Upstream.AUTH, Policy.RECOVERY, false);
    private static final Route AUTH = new Route("auth", Upstream.AUTH, Policy.AUTH, false);
    private static final Route JWKS = new Route("jwks", Upstream.AUTH, Policy.API, false);
    private static final Route USERS = new Route("users", Upstream.USER, Policy.API, true);

    public Decision route(HttpMethod method, String rawPath) {
        Optional<String> canonical = CanonicalPath.of(rawPath);
        if (canonical.isEmpty()) {
            return Decision.refused(Refusal.AMBIGUOUS);
        }
        String path = canonical.get();
        boolean post = method == HttpMethod.POST;
        if (path.equals("/api/auth/login")) {
            return Decision.to(post ? LOGIN : AUTH, path);
        }
        if (path.equals("/api/auth/register")) {
            return Decision.to(post ? REGISTER : AUTH, path);
        }
        if (path.equals("/api/auth/password-reset") || path.equals("/api/auth/email/verification")) {
            return Decision.to(post ? RECOVERY : AUTH, path);
        }
        if (path.startsWith("/api/auth/")) {
            return Decision.to(AUTH, path);
        }
        if (path.equals("/.well-known/jwks.json")) {
            return Decision.to(JWKS, path);
        }
        if (path.equals("/api/users") || path.startsWith("/api/users/")) {
            return Decision.to(USERS, path);
        }
        return Decision.refused(Refusal.UNKNOWN);
    }
}
