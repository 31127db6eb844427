package io.palisade.auth.mfa;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Turning the second factor off takes the password and a current code. */
record TotpRemovalRequest(@NotNull @Size(max = 128) String password, @Size(max = 16) String code) {

    @Override
    public String toString() {
        return "TotpRemovalRequest[...]";
    }
}
