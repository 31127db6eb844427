package io.palisade.auth.session;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * One live session in the owner's list: {@code expiresAt} is the earlier of its idle timeout and its absolute
 * lifetime; {@code current} marks the session of the presented token.
 */
@RegisterForReflection
record SessionView(String id, Instant createdAt, Instant lastUsedAt, Instant expiresAt, String userAgent,
        String ipPrefix, boolean current) {
}
