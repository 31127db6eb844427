package io.palisade.gateway.routing;

import io.palisade.gateway.ratelimit.Policies;
import io.palisade.gateway.ratelimit.Policy;
import io.quarkus.runtime.Startup;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The gateway's whole routing policy, built from {@code palisade.gateway.routes} at start-up and decided on the
 * path's {@link CanonicalPath canonical form}, the form it is also forwarded in, so route, rate-limit policy and
 * the upstream's own router all read the same path. A path without a canonical form is refused outright;
 * {@code /internal/**} and {@code /q/**} are never routed, whatever is configured; everything unclaimed is not
 * routed at all. Of the routes that claim a path, the most specific one that takes the method wins (an exact
 * path before a prefix, a longer prefix before a shorter one); when some claim the path and none takes the
 * method, the answer is 405.
 *
 * <p>Start-up stops, naming the keys, on anything a reader could take two ways: two routes with one pattern
 * and a method in common, a route of the operator's under a prefix Palisade owns, a built-in route moved off
 * its path, an unknown policy, a path that is not canonical, an upstream that is not a plain http(s) base
 * URL, a name other than lower-case letters and digits.
 */
@Startup
@ApplicationScoped
class RouteTable {

    /** Why a path was not routed. */
    public enum Refusal {
        /** Not a path we can read unambiguously: 400. */
        AMBIGUOUS,
        /** A well-formed path that no route serves: 404. */
        UNKNOWN,
        /** A path some route claims, with a method none of them takes: 405. */
        METHOD
    }

    /** A decision: a route and the canonical path it was found on, or a refusal (with the methods allowed, for 405). */
    public record Decision(Optional<Route> route, String path, Refusal refusal, Set<HttpMethod> allowed) {
        static Decision to(Route route, String path) {
            return new Decision(Optional.of(route), path, null, Set.of());
        }

        static Decision refused(Refusal refusal, String path) {
            return new Decision(Optional.empty(), path, refusal, Set.of());
        }
    }

    /** Palisade's own routes and the paths they keep: they are the table's entries, written like any other. */
    static final Map<String, String> BUILT_IN = Map.of("login", "/api/auth/login", "register", "/api/auth/register",
            "recovery", "/api/auth/password-reset", "verification", "/api/auth/email/verification",
            "auth", "/api/auth/**", "jwks", "/.well-known/jwks.json", "users", "/api/users/**");

    /** Prefixes that only Palisade's own routes may claim; the last two are never routed at all. */
    static final List<String> RESERVED = List.of("/api/auth", "/api/users", "/.well-known", "/internal", "/q");
    private static final List<String> NEVER_ROUTED = List.of("/internal", "/q");

    private static final String DECISION = RouteTable.class.getName() + ".decision";
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+");
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");

    /** Whether {@code name} can be an HTTP method: upper-case letters only, as a route and the explain endpoint take it. */
    static boolean isMethodName(String name) {
        return METHOD.matcher(name).matches();
    }

    /** Every route, most specific first. */
    private final List<Route> routes;

    RouteTable(RouteConfig config, Policies policies) {
        List<Route> built = new ArrayList<>();
        config.routes().forEach((name, spec) -> built.add(route(name, spec, policies)));
        for (String name : BUILT_IN.keySet()) {
            if (built.stream().noneMatch(route -> route.name().equals(name))) {
                throw new IllegalStateException("palisade.gateway.routes." + name + ": Palisade's own route is missing");
            }
        }
        refuseOverlaps(built);
        built.sort(Comparator.comparingInt(Route::specificity).reversed().thenComparing(Route::name));
        this.routes = List.copyOf(built);
    }

    /** The decision for {@code ctx}'s request, made once per request whoever asks first. */
    Decision decide(RoutingContext ctx) {
        Decision decision = ctx.get(DECISION);
        if (decision == null) {
            decision = route(ctx.request().method(), ctx.request().path());
            ctx.put(DECISION, decision);
        }
        return decision;
    }

    public Decision route(HttpMethod method, String rawPath) {
        Optional<String> canonical = CanonicalPath.of(rawPath);
        if (canonical.isEmpty()) {
            return Decision.refused(Refusal.AMBIGUOUS, null);
        }
        String path = canonical.get();
        if (NEVER_ROUTED.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"))) {
            return Decision.refused(Refusal.UNKNOWN, path);
        }
        Set<HttpMethod> allowed = new LinkedHashSet<>();
        boolean claimed = false;
        for (Route route : routes) {
            if (!route.claims(path)) {
                continue;
            }
            if (route.takes(method)) {
                return Decision.to(route, path);
            }
            claimed = true;
            allowed.addAll(route.methods());
        }
        return claimed ? new Decision(Optional.empty(), path, Refusal.METHOD, Set.copyOf(allowed))
                : Decision.refused(Refusal.UNKNOWN, path);
    }

    /** Every route, most specific first: what the explain endpoint lists. */
    List<Route> routes() {
        return routes;
    }

    private static Route route(String name, RouteConfig.Spec spec, Policies policies) {
        String key = "palisade.gateway.routes." + name;
        if (!NAME.matcher(name).matches()) {
            throw new IllegalStateException(key + ": a route name is lower-case letters and digits only");
        }
        String pattern = spec.path().strip();
        boolean prefix = pattern.endsWith("/**");
        String path = prefix ? pattern.substring(0, pattern.length() - 3) : pattern;
        if (path.isEmpty() || !CanonicalPath.of(path).map(path::equals).orElse(false) || path.equals("/")
                || path.contains("*")) {
            throw new IllegalStateException(key + ".path: '" + pattern + "' is not a canonical path below the root,"
                    + " exact (/api/search) or a prefix (/api/orders/**)");
        }
        String builtIn = BUILT_IN.get(name);
        if (builtIn != null && !builtIn.equals(pattern)) {
            throw new IllegalStateException(key + ".path: '" + name + "' is Palisade's own route, on " + builtIn);
        }
        if (builtIn == null && RESERVED.stream().anyMatch(reserved -> path.equals(reserved)
                || path.startsWith(reserved + "/"))) {
            throw new IllegalStateException(key + ".path: '" + pattern + "' is under a prefix Palisade keeps for itself "
                    + RESERVED);
        }
        Set<HttpMethod> methods = new LinkedHashSet<>();
        for (String method : spec.methods().orElse(Set.of())) {
            String upper = method.strip().toUpperCase(Locale.ROOT);
            if (!isMethodName(upper)) {
                throw new IllegalStateException(key + ".methods: '" + method + "' is not an HTTP method");
            }
            methods.add(HttpMethod.valueOf(upper));
        }
        Set<String> roles = spec.roles().orElse(Set.of()).stream().map(String::strip)
                .collect(Collectors.toUnmodifiableSet());
        Policy policy = policies.named(spec.policy(), key + ".policy");
        if (spec.cost() > policy.limit()) {
            throw new IllegalStateException(key + ".cost: " + spec.cost() + " is more than policy '" + policy.name()
                    + "' admits in a window (" + policy.limit() + "): no request of this route could pass");
        }
        return new Route(name, path, prefix, Set.copyOf(methods), upstream(key + ".upstream", spec.upstream()), spec.auth(), roles,
                policy, spec.cost(), spec.bodyLimit(), spec.responseTimeout());
    }

    /** A plain base URL: http or https, a host, no user info, path, query or fragment. */
    private static URI upstream(String key, String text) {
        try {
            URI uri = new URI(text.strip());
            boolean plain = ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getUserInfo() == null && (uri.getRawPath() == null || uri.getRawPath().isEmpty()
                    || uri.getRawPath().equals("/")) && uri.getRawQuery() == null && uri.getRawFragment() == null;
            if (plain) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // the message below
        }
        throw new IllegalStateException(key + ": '" + text + "' is not an http(s) base URL such as http://orders:8080");
    }

    /** Two routes with one pattern and a method in common would each claim that method's requests. */
    private static void refuseOverlaps(List<Route> routes) {
        for (int i = 0; i < routes.size(); i++) {
            for (int j = i + 1; j < routes.size(); j++) {
                Route a = routes.get(i);
                Route b = routes.get(j);
                boolean sharedMethod = a.methods().isEmpty() || b.methods().isEmpty()
                        || a.methods().stream().anyMatch(b.methods()::contains);
                if (a.pattern().equals(b.pattern()) && sharedMethod) {
                    Set<String> keys = new TreeSet<>(List.of("palisade.gateway.routes." + a.name(),
                            "palisade.gateway.routes." + b.name()));
                    throw new IllegalStateException(String.join(" and ", keys) + ": both claim " + a.pattern()
                            + " for the same method");
                }
            }
        }
    }
}
