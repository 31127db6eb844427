package io.palisade.common.revocation;

/**
 * Where revoked sessions live in Redis, for auth-service (which writes them) and every verifier (which reads
 * them). A revoked session is a key {@code palisade:revoked:{user:<account>}:<sid>} whose value is the epoch
 * millisecond at which the last access token it minted has expired, and which expires then by itself. Every
 * revocation is also published on {@link #CHANNEL} as {@code "<account> <sid> <expiresAtMillis>"}, and
 * recorded in the sorted set {@link #INDEX} (member {@code "<account> <sid>"}, scored by that millisecond), from
 * which a verifier reloads its copy with one read: a key pattern cannot be scanned on a Redis Cluster, whose
 * every node holds only its own slots. The key's hash tag is the account's, which the gateway's per-user
 * rate-limit key shares, so one script on one Cluster slot can read both.
 */
public final class RevocationKeys {

    public static final String CHANNEL = "palisade:revocations";
    public static final String INDEX = "palisade:revoked-sessions";

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
        return member(accountId, sid) + " " + expiresAtMillis;
    }

    /** The session's member of {@link #INDEX}. */
    public static String member(String accountId, String sid) {
        return accountId + " " + sid;
    }
}
