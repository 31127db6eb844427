package io.palisade.common.framing;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until connections to the public port are decoded strictly (see {@link CodecGuard}). */
@Readiness
@ApplicationScoped
class CodecGuardReadiness implements HealthCheck {

    private final CodecGuard guard;

    CodecGuardReadiness(CodecGuard guard) {
        this.guard = guard;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("request-framing").status(guard.active()).build();
    }
}
