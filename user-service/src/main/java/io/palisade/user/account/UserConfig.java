package io.palisade.user.account;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;

/** Where auth-service is, for account deletion. */
@ConfigMapping(prefix = "palisade.user")
public interface UserConfig {

    @WithDefault("http://localhost:8081")
    URI authServiceUrl();
}
