package io.palisade.auth.account;

import io.palisade.common.jwt.Roles;
import java.util.List;
import java.util.UUID;

/**
 * An account's credentials, whether an admin locked it, whether its email is verified, the name its mail greets
 * it with, and whether its password must be reset before the next login (after a reverted email change).
 * {@code toString} leaves the hash out: it must never reach a log.
 */
public record Account(UUID id, String email, String passwordHash, List<String> groups, boolean locked,
        boolean emailVerified, String displayName, boolean passwordResetRequired) {

    /** A new account: not locked, its email not verified yet. */
    public Account(UUID id, String email, String passwordHash, List<String> groups, String displayName) {
        this(id, email, passwordHash, groups, false, false, displayName, false);
    }

    public boolean isAdmin() {
        return groups.contains(Roles.ADMIN);
    }

    @Override
    public String toString() {
        return "Account[" + id + "]";
    }
}
