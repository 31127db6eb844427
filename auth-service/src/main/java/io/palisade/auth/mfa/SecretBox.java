package io.palisade.auth.mfa;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Seals TOTP secrets with AES-256-GCM under {@code palisade.auth.mfa.encryption-key}: a fresh 96-bit nonce per
 * seal, the account id as associated data (a sealed secret copied to another account's row does not open).
 * Built at start-up, so a prod pod without a good key never reports ready.
 */
@Startup
@ApplicationScoped
public class SecretBox {

    private static final Logger LOG = Logger.getLogger(SecretBox.class);
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SecretBox(MfaConfig config) {
        byte[] material = config.encryptionKey().map(SecretBox::decode).orElse(null);
        if (material == null) {
            if (LaunchMode.current() == LaunchMode.NORMAL) {
                throw new IllegalStateException("palisade.auth.mfa.encryption-key is not set: in prod auth-service "
                        + "refuses to start without it (32 random bytes, hex or base64, the same on every replica)");
            }
            LOG.warn("no mfa encryption key configured: generated a throwaway one (dev and test profiles only)");
            material = new byte[KEY_BYTES];
            random.nextBytes(material);
        }
        if (material.length != KEY_BYTES) {
            throw new IllegalStateException("palisade.auth.mfa.encryption-key must be exactly 32 bytes");
        }
        this.key = new SecretKeySpec(material, "AES");
    }

    public byte[] seal(UUID accountId, byte[] secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, accountId, nonce, secret);
        return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    }

    public byte[] open(UUID accountId, byte[] sealed) {
        byte[] nonce = Arrays.copyOf(sealed, NONCE_BYTES);
        return crypt(Cipher.DECRYPT_MODE, accountId, nonce, Arrays.copyOfRange(sealed, NONCE_BYTES, sealed.length));
    }

    private byte[] crypt(int mode, UUID accountId, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(accountId.toString().getBytes(StandardCharsets.US_ASCII));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a TOTP secret did not seal or open", e);
        }
    }

    private static byte[] decode(String text) {
        String trimmed = text.strip();
        try {
            return trimmed.matches("(?i)[0-9a-f]{64}") ? HexFormat.of().parseHex(trimmed) : Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("palisade.auth.mfa.encryption-key is neither hex nor base64");
        }
    }
}
