package io.palisade.user.avatar;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** API.md "Users": how much avatar work one replica takes on at once. */
@ConfigMapping(prefix = "palisade.user.avatar")
public interface AvatarConfig {

    /** Each decode may hold up to 64 MiB of raster in the worst case allowed; the pod heap is 256 MiB. */
    @WithDefault("2")
    @Min(1)
    @Max(16)
    int maxConcurrentDecodes();

    /**
     * Uploads whose bodies may be in memory at once (up to 1 MiB each, held until the answer): an upload beyond
     * it is refused with 503 before a byte of its body is read.
     */
    @WithDefault("8")
    @Min(1)
    @Max(64)
    int maxUploadsInFlight();

    /** How long an admitted upload may take to send its body; a slower one is cut off with 408. */
    @WithDefault("PT20S")
    Duration uploadTimeout();
}
