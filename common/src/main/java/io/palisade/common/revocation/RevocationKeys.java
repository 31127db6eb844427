package io.palisade.common.revocation;

/**
 * Where revoked sessions live in Redis, for auth-service (which writes them) and every verifier (which reads
 * them). A revoked session is a key {@code palisade:revoked:{user:<account>}:<sid>} whose value is the epoch
 * millisecond at which the last access token it minted has expired, and which expires then by itself. Every
 * revocation is also published on {@link #CHANNEL} as {@code "<account> <sid> <expiresAtMillis>"}. The hash
 * tag is the account's, which the gateway's per-user rate-limit key shares, so one script on one Redis
 * Cluster slot can read both.
 */
public final class RevocationKeys {

    public static final String CHANNEL = "palisade:revocations";
    public static final String PATTERN = "palisade:revoked:*";

    private RevocationKeys() {
    }

    /** The Cluster hash tag (without braces) of everything kept about one account. */
    public static String accountTag(String accountId) {
        return "user:" + accountId;
    }

    public static String key(String accountId, String sid) {
        return "palisade:revoked:{" + accountTag(accountId) + "}:" + sid;
    }

    public static String message(String accountId, String sid, long expiresAtMillis) {
        return accountId + " " + sid + " " + expiresAtMillis;
    }
}
