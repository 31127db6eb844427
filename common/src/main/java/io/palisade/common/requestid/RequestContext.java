package io.palisade.common.requestid;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Work handed to a pool of our own (hashing, image decoding) finishes on that pool's thread, and so would
 * everything chained after it: outside the request's Vert.x context, where its request id, client address
 * and database connections live. This brings the result back onto the context the work was started from.
 */
public final class RequestContext {

    private RequestContext() {
    }

    /** {@code offloaded}, emitting on the caller's Vert.x context (unchanged when called outside one). */
    public static <T> Uni<T> resumeOnCaller(Uni<T> offloaded) {
        Context caller = Vertx.currentContext();
        if (caller == null) {
            return offloaded;
        }
        return offloaded.emitOn(command -> caller.runOnContext(ignored -> command.run()));
    }
}
