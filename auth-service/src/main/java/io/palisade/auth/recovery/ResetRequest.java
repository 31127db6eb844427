package io.palisade.auth.recovery;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record ResetRequest(@NotBlank @Email @Size(max = 254) String email) {
}
