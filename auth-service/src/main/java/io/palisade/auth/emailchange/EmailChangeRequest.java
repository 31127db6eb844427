package io.palisade.auth.emailchange;

import io.palisade.auth.account.Emails;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A new address and the re-authentication it takes. The password is not required by validation: a missing one is
 * a wrong one (403, counted), so leaving it out is no way around the login counters.
 */
record EmailChangeRequest(
        @NotBlank @Email @Pattern(regexp = Emails.PLAIN, message = "must be a plain address, local@domain")
        @Size(max = 254) String newEmail,
        @Size(max = 128) String currentPassword,
        @Size(max = 16) String code) {

    EmailChangeRequest {
        newEmail = Emails.normalise(newEmail);
    }

    @Override
    public String toString() {
        return "EmailChangeRequest[...]";
    }
}
