package io.palisade.auth.registration;

import java.util.UUID;

record Registered(UUID id, String email) {
}
