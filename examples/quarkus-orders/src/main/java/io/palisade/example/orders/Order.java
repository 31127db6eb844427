package io.palisade.example.orders;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** An order as its owner sees it. The owner's id is not part of it: it is the caller, never client input. */
@RegisterForReflection
record Order(String id, String item, int quantity, Instant createdAt) {
}
