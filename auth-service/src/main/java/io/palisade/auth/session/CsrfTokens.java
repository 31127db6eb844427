package io.palisade.auth.session;

import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * A family's csrf value is an HMAC of the family id under a server key: stable for the family's life, the
 * same on every replica, and impossible to mint without the key, so a cookie planted by a sibling host
 * (double-submit's weak spot) cannot stand in for it. {@link #require} is the one place the header is
 * compared.
 * Built at start-up, so a prod pod without a good key never reports ready.
 */
@Startup
@ApplicationScoped
class CsrfTokens {

    /** The header a state-changing request with the refresh cookie carries the family's value in. */
    public static final String HEADER = "X-CSRF-Token";

    private static final Logger LOG = Logger.getLogger(CsrfTokens.class);
    private static final int MIN_KEY_BYTES = 32;

    private final SecretKeySpec key;

    CsrfTokens(CsrfConfig config) {
        byte[] secret = config.secret().map(CsrfTokens::decode).orElse(null);
        if (secret == null) {
            if (LaunchMode.current() == LaunchMode.NORMAL) {
                throw new IllegalStateException("palisade.auth.csrf.secret is not set: in prod auth-service refuses "
                        + "to start without it (at least 32 random bytes, hex or base64, the same on every replica)");
            }
            LOG.warn("no csrf secret configured: generated a throwaway one (dev and test profiles only)");
            secret = new byte[MIN_KEY_BYTES];
            new SecureRandom().nextBytes(secret);
        }
        if (secret.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("palisade.auth.csrf.secret must hold at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    public String forFamily(UUID familyId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(familyId.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 403 unless {@code presented} is the family's value (compared in constant time). */
    public void require(UUID familyId, String presented) {
        boolean matches = presented != null && MessageDigest.isEqual(
                forFamily(familyId).getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
        if (!matches) {
            throw new ProblemException(ProblemKind.FORBIDDEN, "The " + HEADER + " header is missing or wrong.");
        }
    }

    private static byte[] decode(String secret) {
        String trimmed = secret.strip();
        try {
            return trimmed.matches("(?i)[0-9a-f]+") && trimmed.length() % 2 == 0
                    ? HexFormat.of().parseHex(trimmed)
                    : Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("palisade.auth.csrf.secret is neither hex nor base64");
        }
    }
}
