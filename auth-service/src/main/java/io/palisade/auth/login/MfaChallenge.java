package io.palisade.auth.login;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The password step's answer for an account with a second factor: no session yet, a token for the code step. */
@RegisterForReflection
record MfaChallenge(boolean mfaRequired, String mfaToken, long expiresIn) {

    @Override
    public String toString() {
        return "MfaChallenge[...]";
    }
}
