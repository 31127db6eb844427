package io.palisade.auth.account;

import java.util.List;
import java.util.UUID;

/**
 * An account's credentials, and whether an admin locked it. {@code toString} leaves the hash out: it must
 * never reach a log.
 */
public record Account(UUID id, String email, String passwordHash, List<String> groups, boolean locked) {

    /** A new account: never locked. */
    public Account(UUID id, String email, String passwordHash, List<String> groups) {
        this(id, email, passwordHash, groups, false);
    }

    public boolean isAdmin() {
        return groups.contains("admin");
    }

    @Override
    public String toString() {
        return "Account[" + id + "]";
    }
}
