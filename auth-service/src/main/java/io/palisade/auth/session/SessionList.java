package io.palisade.auth.session;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The caller's live sessions, most recently used first. */
@RegisterForReflection
record SessionList(List<SessionView> items) {
}
