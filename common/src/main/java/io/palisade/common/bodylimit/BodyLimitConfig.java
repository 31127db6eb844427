package io.palisade.common.bodylimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;
import java.util.Optional;

/** Request-body limits of API.md "Errors": 10 KiB everywhere, 1 MiB on the avatar upload. */
@ConfigMapping(prefix = "palisade.http.body-limit")
public interface BodyLimitConfig {

    /** Largest body, in bytes, on every route but those matching {@link #largePaths()}. */
    @WithDefault("10240")
    @Positive
    long defaultBytes();

    /** Largest body, in bytes, on routes matching {@link #largePaths()}. */
    @WithDefault("1048576")
    @Positive
    long largeBytes();

    /** A regular expression over the normalised path naming the routes that take {@link #largeBytes()}. */
    Optional<String> largePaths();
}
