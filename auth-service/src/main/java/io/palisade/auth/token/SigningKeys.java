package io.palisade.auth.token;

import io.palisade.common.events.SecurityEvent;
import io.palisade.common.events.SecurityEvents;
import io.palisade.common.jwt.JwtConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * The private key that signs and the public keys that the JWKS publishes. Loaded once at start-up: a missing
 * or unreadable key stops the service with a sentence naming the key, never a first-request failure.
 */
@Startup
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    private final PrivateKey signingKey;
    private final String signingKid;
    private final List<RsaJsonWebKey> published = new ArrayList<>();

    SigningKeys(SigningKeyConfig config, JwtConfig jwt, SecurityEvents events) {
        if (!"RS256".equals(jwt.algorithm())) {
            throw new IllegalStateException("palisade.jwt.algorithm is " + jwt.algorithm()
                    + ", but auth-service signs with RSA keys: set it to RS256");
        }
        RSAPrivateCrtKey key;
        if (config.privateKeyFile().isPresent()) {
            key = readPrivateKey(config.privateKeyFile().get());
        } else if (LaunchMode.current() == LaunchMode.NORMAL) {
            throw new IllegalStateException("palisade.auth.signing-key.private-key-file is not set: in prod "
                    + "auth-service refuses to start without a signing key (PKCS#8 PEM, mounted from a Secret)");
        } else {
            LOG.warn("no signing key configured: generated a throwaway one (dev and test profiles only)");
            key = generate();
        }
        this.signingKey = key;
        RsaJsonWebKey signingJwk = jwk(publicOf(key));
        this.signingKid = signingJwk.getKeyId();
        published.add(signingJwk);
        for (Path file : config.extraPublicKeyFiles().orElse(List.of())) {
            RsaJsonWebKey extra = jwk(readPublicKey(file));
            if (!extra.getKeyId().equals(signingKid)) {
                published.add(extra);
            }
        }
        events.record(SecurityEvent.SIGNING_KEY_LOADED, Map.of("kid", signingKid));
    }

    public PrivateKey signingKey() {
        return signingKey;
    }

    public String signingKid() {
        return signingKid;
    }

    /** The JWKS document: public members only, never {@code d}, {@code p}, {@code q}... */
    public Map<String, Object> jwks() {
        return Map.of("keys", published.stream()
                .map(k -> k.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY))
                .toList());
    }

    private static RsaJsonWebKey jwk(RSAPublicKey key) {
        RsaJsonWebKey jwk = new RsaJsonWebKey(key);
        jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
        jwk.setUse("sig");
        jwk.setAlgorithm("RS256");
        return jwk;
    }

    private static RSAPrivateCrtKey readPrivateKey(Path file) {
        try {
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pem(file)));
            if (key instanceof RSAPrivateCrtKey crt && crt.getModulus().bitLength() >= 2048) {
                return crt;
            }
            throw new IllegalStateException("palisade.auth.signing-key.private-key-file must hold an RSA key of at least 2048 bits");
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("palisade.auth.signing-key.private-key-file (" + file
                    + ") is not a readable PKCS#8 PEM RSA private key", e);
        }
    }

    private static RSAPublicKey readPublicKey(Path file) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(pem(file)));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("palisade.auth.signing-key.extra-public-key-files: " + file
                    + " is not a readable PEM RSA public key", e);
        }
    }

    private static byte[] pem(Path file) throws IOException {
        String body = Files.readString(file).replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static RSAPublicKey publicOf(RSAPrivateCrtKey key) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAPrivateCrtKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
