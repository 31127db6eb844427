package io.palisade.user.avatar;

import io.palisade.common.bodylimit.BodyLimits;
import io.palisade.common.problem.ProblemKind;
import io.palisade.common.problem.Problems;
import io.palisade.common.requestid.FilterOrder;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Admits a request to a large-body route (the avatar upload) before its body is read. Quarkus REST reads a
 * body whole before the resource runs, so the decode slots alone bound decoding, not the bodies waiting for
 * them: a burst of concurrent 1 MiB uploads, straight or through any number of gateway replicas, would hold
 * more bodies than a 256 MiB heap has room for. Here a bounded budget of bodies in flight (taken until the
 * answer is out) and a free decode slot are both required up front; without them the answer is a 503 with
 * Retry-After and the body is never read. An admitted body must arrive within {@code upload-timeout}, so a client that
 * trickles its bytes cannot keep a place in the budget.
 */
@Singleton
class UploadAdmission {

    private static final Map<String, String> RETRY = Map.of("Retry-After", "2");

    private final Semaphore bodies;
    private final long uploadTimeoutMillis;
    private final BodyLimits limits;
    private final ImageSanitizer sanitizer;

    UploadAdmission(AvatarConfig config, BodyLimits limits, ImageSanitizer sanitizer) {
        this.bodies = new Semaphore(config.maxUploadsInFlight());
        this.uploadTimeoutMillis = config.uploadTimeout().toMillis();
        this.limits = limits;
        this.sanitizer = sanitizer;
    }

    void install(@Observes Router router) {
        // Right after the declared-length check: a body refused as too large takes no place in the budget.
        router.route().order(FilterOrder.BODY_LIMIT + 10).handler(ctx -> {
            if (limits.takesLargeBodies(ctx.normalizedPath())) {
                admit(ctx);
            } else {
                ctx.next();
            }
        });
    }

    private void admit(RoutingContext ctx) {
        if (!sanitizer.hasFreeSlot() || !bodies.tryAcquire()) {
            BodyLimits.refuseUnread(ctx, ProblemKind.SERVICE_UNAVAILABLE,
                    "Too many avatars are being processed; try again shortly.", RETRY);
            return;
        }
        AtomicBoolean held = new AtomicBoolean(true);
        long deadline = ctx.vertx().setTimer(uploadTimeoutMillis, fired -> {
            if (!ctx.request().isEnded()) {
                tooSlow(ctx);
            }
        });
        ctx.addEndHandler(done -> {
            ctx.vertx().cancelTimer(deadline);
            if (held.getAndSet(false)) {
                bodies.release();
            }
        });
        ctx.next();
    }

    private static void tooSlow(RoutingContext ctx) {
        if (ctx.request().version() != HttpVersion.HTTP_2) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            ctx.addEndHandler(answered -> ctx.request().connection().close());
        }
        Problems.write(ctx, ProblemKind.REQUEST_TIMEOUT, "The body did not arrive in time.", Map.of());
    }
}
