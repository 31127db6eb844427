package io.palisade.auth.login;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

record LoginRequest(@NotNull @Size(max = 254) String email, @NotNull @Size(max = 128) String password) {

    @Override
    public String toString() {
        return "LoginRequest[...]";
    }
}
