package io.palisade.auth.password;

/** The current password, to re-authenticate a signed-in caller; a missing one counts as a wrong one (403). */
public record PasswordRequest(String password) {

    @Override
    public String toString() {
        return "PasswordRequest[...]";
    }
}
