package io.palisade.auth.mail;

import java.util.Locale;

/**
 * What a mail is for: its template and subject, and for a mail that carries a link, the frontend page the link
 * opens (its token's purpose is the kind's tag). Link mails a user can ask for count against the per-account
 * hourly cap, and a new one of a kind makes the older ones' links stop working. Notices tell the owner of a
 * change and are neither capped nor superseded: the revert link of an email change must reach the old address
 * however many changes an attacker makes.
 */
public enum MailKind {
    VERIFY_EMAIL("Confirm your email address", "/verify-email", true),
    RESET_PASSWORD("Reset your password", "/reset-password", true),
    CONFIRM_EMAIL("Confirm your new email address", "/confirm-email", true),
    EMAIL_CHANGED("Your email address was changed", "/revert-email", false),
    PASSWORD_CHANGED("Your password was changed", null, false),
    PASSWORD_RESET("Your password was reset", null, false),
    MFA_ENABLED("Two-step sign-in is on", null, false),
    MFA_DISABLED("Two-step sign-in was turned off", null, false),
    NEW_SIGN_IN("New sign-in to your account", null, false);

    private final String subject;
    private final String page;
    private final boolean requested;

    MailKind(String subject, String page, boolean requested) {
        this.subject = subject;
        this.page = page;
        this.requested = requested;
    }

    /** The name in the database and of the templates: {@code verify-email}, {@code new-sign-in}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String subject() {
        return subject;
    }

    /** The frontend page a link of this kind opens; null for a mail without a link. */
    public String page() {
        return page;
    }

    public boolean carriesLink() {
        return page != null;
    }

    /** A link mail a user asks for: capped per account and hour, and only the newest link of the kind works. */
    public boolean requested() {
        return requested;
    }

    public static MailKind of(String tag) {
        return valueOf(tag.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
