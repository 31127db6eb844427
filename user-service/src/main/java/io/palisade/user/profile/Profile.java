package io.palisade.user.profile;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/** A profile as API.md shows it: {@code bio} and {@code avatarUrl} are null when unset, times are UTC. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record Profile(UUID id, String email, String displayName, String bio, String avatarUrl, Instant createdAt,
        Instant updatedAt) {

    static String avatarUrl(UUID id) {
        return "/api/users/" + id + "/avatar";
    }
}
