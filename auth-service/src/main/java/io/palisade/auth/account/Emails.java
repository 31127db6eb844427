package io.palisade.auth.account;

import java.util.Locale;

/** The one normalisation every email goes through before it is stored, compared or throttled on. */
public final class Emails {

    private Emails() {
    }

    public static String normalise(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }
}
