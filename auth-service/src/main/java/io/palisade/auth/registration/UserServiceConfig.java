package io.palisade.auth.registration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;

/** Where user-service is, for profile creation; the REST client's URL is derived from this key. */
@ConfigMapping(prefix = "palisade.auth")
public interface UserServiceConfig {

    @WithDefault("http://localhost:8082")
    URI userServiceUrl();
}
