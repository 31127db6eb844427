package io.palisade.auth.registration;

import java.util.UUID;

public record Registered(UUID id, String email) {
}
