package io.palisade.auth.emailchange;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The token of a confirmation or revert link, posted back by the frontend page the link opened. */
record EmailChangeToken(@NotNull @Size(max = 64) String token) {

    @Override
    public String toString() {
        return "EmailChangeToken[...]";
    }
}
