package io.palisade.auth.revocation;

import java.util.Locale;

/** Why a session ended: the detail of the {@code session_revoked} event and its counter. */
public enum RevocationReason {
    /** The session's own logout. */
    LOGOUT,
    /** An old refresh token of the family was presented again. */
    REUSE,
    /** The owner ended this one session from the session list. */
    USER,
    /** The owner logged out everywhere. */
    ALL,
    /** A password change ended every other session. */
    PASSWORD,
    /** An admin ended the account's sessions, or locked it. */
    ADMIN,
    /** The account was deleted. */
    DELETION,
    /** The owner removed the second factor, which ends every other session. */
    MFA_REMOVED,
    /** A password reset by mail ends every session. */
    RESET,
    /** A refresh came after the session's idle timeout or absolute lifetime: its last access tokens die too. */
    EXPIRED,
    /** A confirmed email change ends every session but the one that asked for it. */
    EMAIL_CHANGED,
    /** An email change undone from the old address ends every session. */
    EMAIL_REVERTED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
