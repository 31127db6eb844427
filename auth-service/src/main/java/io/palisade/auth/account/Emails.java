package io.palisade.auth.account;

import java.util.Locale;

/** The one normalisation every email goes through before it is stored, compared or throttled on. */
public final class Emails {

    /**
     * A plain address, {@code local@domain}, as every mail relay delivers it: a dot-atom local part (no quoted
     * string, comment or display name, all of which {@code @Email} lets through and relays refuse) and a
     * domain of at least two labels of letters, digits and inner hyphens.
     */
    public static final String PLAIN = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
            + "@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+";

    private Emails() {
    }

    public static String normalise(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }
}
