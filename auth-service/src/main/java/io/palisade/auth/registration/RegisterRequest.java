package io.palisade.auth.registration;

import io.palisade.auth.account.Emails;
import io.palisade.common.validation.DisplayName;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Email and display name are normalised as they are read, so every rule sees what will be stored. */
record RegisterRequest(
        @NotBlank @Email @Pattern(regexp = Emails.PLAIN, message = "must be a plain address, local@domain")
        @Size(max = 254) String email,
        @NotNull @Size(min = 12, max = 128) String password,
        @DisplayName String displayName) {

    public RegisterRequest {
        email = Emails.normalise(email);
        displayName = displayName == null ? null : displayName.strip();
    }

    @Override
    public String toString() {
        return "RegisterRequest[...]";
    }
}
