package io.palisade.auth.emailchange;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Email change (API.md "Account changes the owner always hears about"). */
@ConfigMapping(prefix = "palisade.auth.email-change")
public interface EmailChangeConfig {

    /** How long the confirmation link mailed to the new address works. */
    @WithDefault("P1D")
    Duration ttl();

    /** How long the old address can undo a confirmed change. */
    @WithDefault("P7D")
    Duration revertTtl();
}
