package io.palisade.auth.account;

import io.palisade.common.jwt.Roles;
import java.util.List;
import java.util.UUID;

/**
 * An account's credentials, whether an admin locked it, whether its email is verified, and the name its mail
 * greets it with. {@code toString} leaves the hash out: it must
 * never reach a log.
 */
public record Account(UUID id, String email, String passwordHash, List<String> groups, boolean locked,
        boolean emailVerified, String displayName) {

    /** A new account: not locked, its email not verified yet. */
    public Account(UUID id, String email, String passwordHash, List<String> groups, String displayName) {
        this(id, email, passwordHash, groups, false, false, displayName);
    }

    public boolean isAdmin() {
        return groups.contains(Roles.ADMIN);
    }

    @Override
    public String toString() {
        return "Account[" + id + "]";
    }
}
