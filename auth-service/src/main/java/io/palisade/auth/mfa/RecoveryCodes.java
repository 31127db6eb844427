package io.palisade.auth.mfa;

import io.palisade.auth.secret.Digests;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Ten recovery codes of about 59 random bits each (12 characters of a 31-character alphabet without
 * look-alikes, written {@code xxxx-xxxx-xxxx}). They are random enough that a plain SHA-256 is the right way
 * to store them: nobody can enumerate 2^59 candidates, so a slow password hash would only slow login down.
 */
final class RecoveryCodes {

    static final int COUNT = 10;
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final int LETTERS = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {
    }

    static List<String> generate() {
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            StringBuilder code = new StringBuilder();
            for (int letter = 0; letter < LETTERS; letter++) {
                if (letter > 0 && letter % 4 == 0) {
                    code.append('-');
                }
                code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
            codes.add(code.toString());
        }
        return codes;
    }

    /** The stored form: dashes, spaces and case do not matter to whoever types the code. */
    static byte[] hash(String code) {
        return Digests.sha256(code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT));
    }
}
