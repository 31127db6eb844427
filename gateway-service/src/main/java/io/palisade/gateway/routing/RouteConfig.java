package io.palisade.gateway.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import java.util.Map;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Routes, {@code palisade.gateway.routes.<name>.*} (API.md "Routes to your own services"). Palisade's own routes
 * are entries of this map like a user's, written in the gateway's application.properties.
 */
@ConfigMapping(prefix = "palisade.gateway")
public interface RouteConfig {

    /** The routes by name: lower-case letters and digits, so each key has one environment-variable spelling. */
    Map<String, Spec> routes();

    interface Spec {
        /** A canonical path: exact ({@code /api/search}) or a prefix ({@code /api/orders/**}, also {@code /api/orders}). */
        String path();

        /** The methods the route takes; every method when unset. */
        Optional<Set<String>> methods();

        /** The base URL ({@code http} or {@code https}, no path) the request goes to, on its own canonical path. */
        String upstream();

        /** Whether a valid access token is {@code required}, {@code optional} (it names the caller) or not read ({@code none}). */
        @WithDefault("required")
        Auth auth();

        /** Roles of which the token must carry one (else 403); any user token when unset. */
        Optional<Set<String>> roles();

        /** The rate-limit policy the route's requests count against. */
        @WithDefault("api")
        String policy();

        /** Units one request takes from the policy's bucket. */
        @WithDefault("1")
        @Min(1)
        @Max(1_000)
        int cost();

        /**
         * The largest request body, in bytes, with or without a Content-Length; the gateway's default limit when
         * unset. At most the transport's own ceiling of 10 MiB.
         */
        @Min(1)
        @Max(10 * 1024 * 1024)
        OptionalLong bodyLimit();

        /** How long the upstream may stay silent before the answer is a 504; the gateway's when unset. */
        Optional<@DurationMin(millis = 100) @DurationMax(minutes = 10) Duration> responseTimeout();
    }

    enum Auth {
        REQUIRED, OPTIONAL, NONE
    }
}
