package io.palisade.auth.secret;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The key of the sealing box (API.md "Second factor" and "Email verification and password reset"). */
@ConfigMapping(prefix = "palisade.auth")
public interface SealingConfig {

    /**
     * AES-256 key (32 bytes, hex or base64, the same on every replica) that seals what must be read back
     * later: TOTP secrets at rest, and mail links until their mail is sent. Required in prod; dev and test
     * generate a throwaway one.
     */
    Optional<String> sealingKey();

    /** The key's first name, accepted when {@code sealing-key} is not set. */
    Mfa mfa();

    interface Mfa {
        Optional<String> encryptionKey();
    }
}
