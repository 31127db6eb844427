package io.palisade.auth.mail;

import java.util.Locale;

/** What a mail is for: its token's purpose, its template, its subject and the frontend page its link opens. */
public enum MailKind {
    VERIFY_EMAIL("Confirm your email address", "/verify-email"),
    RESET_PASSWORD("Reset your password", "/reset-password");

    private final String subject;
    private final String page;

    MailKind(String subject, String page) {
        this.subject = subject;
        this.page = page;
    }

    /** The name in the database and of the templates: {@code verify-email}, {@code reset-password}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String subject() {
        return subject;
    }

    public String page() {
        return page;
    }

    public static MailKind of(String tag) {
        return valueOf(tag.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
