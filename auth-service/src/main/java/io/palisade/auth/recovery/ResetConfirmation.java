package io.palisade.auth.recovery;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

record ResetConfirmation(@NotNull @Size(max = 64) String token, @NotNull @Size(min = 12, max = 128) String newPassword) {

    @Override
    public String toString() {
        return "ResetConfirmation[...]";
    }
}
