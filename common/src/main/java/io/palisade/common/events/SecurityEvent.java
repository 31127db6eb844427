package io.palisade.common.events;

import java.util.Locale;

/** The fixed catalogue of security events of API.md "Logging and metrics". Nothing else is an event. */
public enum SecurityEvent {
    LOGIN_SUCCEEDED,
    LOGIN_FAILED,
    LOGIN_THROTTLED,
    REFRESH_TOKEN_REUSE_DETECTED,
    RATE_LIMIT_REJECTED,
    RATE_LIMITING_DEGRADED,
    AUTHORIZATION_DENIED,
    CORS_REJECTED,
    ACCOUNT_DELETED,
    ACCOUNT_LOCKED,
    ACCOUNT_UNLOCKED,
    SESSION_REVOKED,
    PASSWORD_CHANGED,
    EMAIL_VERIFIED,
    PASSWORD_RESET_REQUESTED,
    PASSWORD_RESET_COMPLETED,
    EMAIL_CHANGE_REQUESTED,
    EMAIL_CHANGE_CONFIRMED,
    EMAIL_CHANGE_REVERTED,
    NEW_DEVICE_SIGN_IN,
    MFA_ENABLED,
    MFA_DISABLED,
    MFA_FAILED,
    MFA_RECOVERY_CODE_USED,
    ADMIN_ACTION,
    BOOTSTRAP_ADMIN_CREATED,
    BOOTSTRAP_ADMIN_PROMOTED,
    SIGNING_KEY_LOADED;

    /** The value of the {@code event} log field and metric tag: {@code login_failed}, ... */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
