package io.palisade.auth.token;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where auth-service finds its signing key and the extra public keys it publishes. */
@ConfigMapping(prefix = "palisade.auth.signing-key")
public interface SigningKeyConfig {

    /** PKCS#8 PEM of the RSA private key that signs every token; required in prod. */
    Optional<Path> privateKeyFile();

    /**
     * PEM public keys published in the JWKS but never used to sign: the next key (published at least one
     * JWKS cache period before it signs) and the previous one (until the last token it signed expired).
     */
    Optional<List<Path>> extraPublicKeyFiles();
}
