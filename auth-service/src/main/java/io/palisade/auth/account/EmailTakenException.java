package io.palisade.auth.account;

/** The database refused a second account for an email, whatever its case. */
public class EmailTakenException extends RuntimeException {

    public EmailTakenException() {
        super("email taken", null, false, false);
    }
}
