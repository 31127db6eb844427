package io.palisade.auth.password;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A password change; {@code code} is the second factor's, required once one is enabled. */
record PasswordChangeRequest(
        @NotNull @Size(max = 128) String currentPassword,
        @NotNull @Size(min = 12, max = 128) String newPassword,
        @Size(max = 16) String code) {

    @Override
    public String toString() {
        return "PasswordChangeRequest[...]";
    }
}
