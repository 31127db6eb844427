package io.palisade.auth.mfa;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A code from the authenticator app, confirming an enrolment. */
record CodeRequest(@NotNull @Size(max = 16) String code) {

    @Override
    public String toString() {
        return "CodeRequest[...]";
    }
}
