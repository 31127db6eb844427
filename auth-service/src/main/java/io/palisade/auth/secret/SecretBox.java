package io.palisade.auth.secret;

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
 * Seals what must be read back later (TOTP secrets, mail links until sent) with AES-256-GCM under
 * {@code palisade.auth.sealing-key} (or its first name, {@code palisade.auth.mfa.encryption-key}): a fresh
 * 96-bit nonce per seal, the owner's id as associated data (a sealed value copied to another row does not
 * open). Built at start-up, so a prod pod without a good key never reports ready.
 */
@Startup
@ApplicationScoped
public class SecretBox {

    private static final Logger LOG = Logger.getLogger(SecretBox.class);
    private static final String KEY = "palisade.auth.sealing-key";
    private static final String FIRST_NAME = "palisade.auth.mfa.encryption-key";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SecretBox(SealingConfig config) {
        String name = config.sealingKey().isPresent() ? KEY : FIRST_NAME;
        byte[] material = config.sealingKey().or(() -> config.mfa().encryptionKey())
                .map(text -> decode(name, text)).orElse(null);
        if (material == null) {
            if (LaunchMode.current() == LaunchMode.NORMAL) {
                throw new IllegalStateException(KEY + " (or " + FIRST_NAME + ") is not set: in prod auth-service "
                        + "refuses to start without it (32 random bytes, hex or base64, the same on every replica)");
            }
            LOG.warn("no sealing key configured: generated a throwaway one (dev and test profiles only)");
            material = new byte[KEY_BYTES];
            random.nextBytes(material);
        }
        if (material.length != KEY_BYTES) {
            throw new IllegalStateException(name + " must be exactly 32 bytes");
        }
        this.key = new SecretKeySpec(material, "AES");
    }

    public byte[] seal(UUID owner, byte[] value) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, owner, nonce, value);
        return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    }

    public byte[] open(UUID owner, byte[] sealed) {
        byte[] nonce = Arrays.copyOf(sealed, NONCE_BYTES);
        return crypt(Cipher.DECRYPT_MODE, owner, nonce, Arrays.copyOfRange(sealed, NONCE_BYTES, sealed.length));
    }

    private byte[] crypt(int mode, UUID owner, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(owner.toString().getBytes(StandardCharsets.US_ASCII));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a sealed value did not seal or open", e);
        }
    }

    private static byte[] decode(String name, String text) {
        String trimmed = text.strip();
        try {
            return trimmed.matches("(?i)[0-9a-f]{64}") ? HexFormat.of().parseHex(trimmed) : Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is neither hex nor base64");
        }
    }
}
