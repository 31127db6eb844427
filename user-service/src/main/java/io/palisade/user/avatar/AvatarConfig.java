package io.palisade.user.avatar;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** API.md "Users": how many avatar decodes one replica runs at once. */
@ConfigMapping(prefix = "palisade.user.avatar")
public interface AvatarConfig {

    /** Each decode may hold up to 64 MiB of raster in the worst case allowed; the pod heap is 256 MiB. */
    @WithDefault("2")
    @Min(1)
    @Max(16)
    int maxConcurrentDecodes();
}
