package io.palisade.auth.login;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The code step: the password step's token and either a TOTP code or a recovery code. */
record SecondStepRequest(
        @NotNull @Size(max = 64) String mfaToken,
        @Size(max = 16) String code,
        @Size(max = 32) String recoveryCode) {

    @Override
    public String toString() {
        return "SecondStepRequest[...]";
    }
}
