package io.palisade.common.clientip;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/** API.md "Logging and metrics": whose X-Forwarded-For a service believes for its logs. */
@ConfigMapping(prefix = "palisade.http")
public interface TrustedProxiesConfig {

    /** CIDRs of the gateway's pods; empty by default, so the socket peer is logged. */
    Optional<List<String>> trustedProxies();
}
