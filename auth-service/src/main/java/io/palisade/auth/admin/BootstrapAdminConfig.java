package io.palisade.auth.admin;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The admin account created at start-up (API.md "Bootstrap admin"); both keys or neither. */
@ConfigMapping(prefix = "palisade.auth.bootstrap-admin")
public interface BootstrapAdminConfig {

    Optional<String> email();

    Optional<String> password();
}
