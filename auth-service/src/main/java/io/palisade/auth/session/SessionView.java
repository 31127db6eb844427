package io.palisade.auth.session;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** One live session in the owner's list; {@code current} marks the session of the presented token. */
@RegisterForReflection
record SessionView(String id, Instant createdAt, Instant lastUsedAt, String userAgent, String ipPrefix,
        boolean current) {
}
