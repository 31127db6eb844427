package io.palisade.auth.recovery;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A token from a mailed link. */
record TokenRequest(@NotNull @Size(max = 64) String token) {

    @Override
    public String toString() {
        return "TokenRequest[...]";
    }
}
