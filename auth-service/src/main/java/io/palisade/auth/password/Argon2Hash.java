package io.palisade.auth.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * An Argon2id hash as the PHC string the reference implementation writes ({@code $argon2id$v=19$m=19456,t=2,p=1$
 * <salt>$<hash>}, unpadded Base64), computed by Bouncy Castle, which allocates a hash's memory blocks once and
 * nothing per block it fills: on the pods' 256 MiB heap, a login flood must cost its 19 MiB per hash and no
 * garbage on top, or young collections promote the blocks of hashes in progress.
 */
record Argon2Hash(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {

    private static final Pattern PHC = Pattern.compile("\\$argon2id\\$v=19\\$m=(\\d{1,9}),t=(\\d{1,4}),p=(\\d{1,3})"
            + "\\$([A-Za-z0-9+/]{11,86})\\$([A-Za-z0-9+/]{22,86})");
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    /** Hashes {@code password} (as UTF-8) at this cost with this salt into {@code length} bytes. */
    static Argon2Hash compute(int memoryKib, int iterations, int parallelism, byte[] salt, String password,
            int length) {
        return new Argon2Hash(memoryKib, iterations, parallelism, salt,
                derive(memoryKib, iterations, parallelism, salt, password, length));
    }

    /**
     * Reads a stored PHC string.
     *
     * @throws IllegalArgumentException if it is not an Argon2id (version 1.3) PHC string with a salt of 8 to 64 bytes
     *         and a hash of 16 to 64
     */
    static Argon2Hash parse(String phc) {
        Matcher parts = PHC.matcher(phc);
        if (!parts.matches()) {
            throw new IllegalArgumentException("not an Argon2id PHC string");
        }
        return new Argon2Hash(Integer.parseInt(parts.group(1)), Integer.parseInt(parts.group(2)),
                Integer.parseInt(parts.group(3)), DECODER.decode(parts.group(4)), DECODER.decode(parts.group(5)));
    }

    /** Whether {@code password} hashes to this hash with its own cost and salt, compared in constant time. */
    boolean matches(String password) {
        return MessageDigest.isEqual(hash, derive(memoryKib, iterations, parallelism, salt, password, hash.length));
    }

    String encoded() {
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
                + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    private static byte[] derive(int memoryKib, int iterations, int parallelism, byte[] salt, String password,
            int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build());
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
