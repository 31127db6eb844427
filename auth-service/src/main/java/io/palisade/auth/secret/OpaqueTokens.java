package io.palisade.auth.secret;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Opaque bearer values (refresh, device and mail-link tokens, login challenges): 256 random bits, stored only
 * as a SHA-256 hash, so a database leak hands out nothing usable. A plain hash suffices: the values are
 * random, not guessable.
 */
public final class OpaqueTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OpaqueTokens() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] hash(String token) {
        return Digests.sha256(token);
    }

    /** Rejects anything that cannot be one of our tokens before it costs a database round trip. */
    public static boolean isWellFormed(String token) {
        return token != null && token.length() == 43 && token.chars().allMatch(c -> Character.isLetterOrDigit(c)
                || c == '-' || c == '_');
    }
}
