package io.palisade.auth.session;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.auth.revocation.RevocationReason;
import io.palisade.auth.revocation.Revocations;
import io.palisade.auth.secret.OpaqueTokens;
import io.palisade.common.events.SecurityEvent;
import io.palisade.common.events.SecurityEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Issues, rotates and revokes refresh tokens. One use of a token rotates it; the token just rotated may be
 * presented again within the leeway (several tabs refreshing at once) and gets an access token but no new
 * refresh token; anything older, or that one after the leeway, is reuse: the whole family is revoked, so a
 * thief and the victim are both logged out, and the newest token stops working too.
 */
@ApplicationScoped
class RefreshTokenRotation {

    /** What presenting a refresh token amounted to. */
    public sealed interface Outcome {
    }

    /** This call rotated the family: {@code newToken} is its newest token, live until {@code expiresAt}. */
    public record Rotated(UUID familyId, UUID accountId, List<String> amr, String newToken, Instant expiresAt)
            implements Outcome {
        @Override
        public String toString() {
            return "Rotated[" + familyId + "]";
        }
    }

    /** The predecessor within the leeway: a new access token, no new refresh token. */
    public record WithinLeeway(UUID familyId, UUID accountId, List<String> amr) implements Outcome {
    }

    /** Not a live token of any family (unknown, expired, revoked or reused). */
    public record Refused() implements Outcome {
    }

    /** A family and its account, found through a live token. */
    public record LiveFamily(UUID familyId, UUID accountId) {
    }

    private final RefreshTokenRepository repository;
    private final Revocations revocations;
    private final RefreshConfig config;
    private final SecurityEvents events;
    private final Counter rotations;

    RefreshTokenRotation(RefreshTokenRepository repository, Revocations revocations, RefreshConfig config,
            SecurityEvents events, MeterRegistry registry) {
        this.repository = repository;
        this.revocations = revocations;
        this.config = config;
        this.events = events;
        this.rotations = Counter.builder("palisade.auth.refresh.rotations").description("Refresh-token rotations")
                .register(registry);
    }

    /**
     * Starts a family for a fresh login from {@code client}, authenticated by {@code amr}, signed in by the device
     * whose login-throttle counter is {@code throttleCounter}; returns its first token.
     */
    public Uni<Rotated> start(UUID accountId, ClientOfSession client, List<String> amr, String throttleCounter) {
        UUID familyId = UUID.randomUUID();
        String token = OpaqueTokens.generate();
        Duration lifetime = Collections.min(List.of(config.refreshTokenTtl(), config.session().absoluteLifetime()));
        return repository.createFamily(familyId, accountId, OpaqueTokens.hash(token), lifetime, client, amr,
                        throttleCounter)
                .map(expiresAt -> new Rotated(familyId, accountId, amr, token, expiresAt));
    }

    /**
     * Presents a refresh token: one read of where it stands, {@code guard} (which may refuse by throwing)
     * with its family before anything changes, then at most one rotation. Only when a concurrent use rotated
     * the family between the read and the rotation is it read a second time.
     */
    public Uni<Outcome> use(String presented, ClientOfSession client, Consumer<UUID> guard) {
        if (!OpaqueTokens.isWellFormed(presented)) {
            return Uni.createFrom().item(new Refused());
        }
        byte[] hash = OpaqueTokens.hash(presented);
        return repository.view(hash, config.refreshToken().reuseLeeway()).chain(view -> {
            if (view == null) {
                return Uni.createFrom().item(new Refused());
            }
            guard.accept(view.familyId());
            return view.alive() && view.isCurrent() ? rotate(hash, client) : notCurrent(view);
        });
    }

    /** The family of a live token (the newest, or its predecessor within the leeway); null otherwise. */
    public Uni<LiveFamily> live(String presented) {
        if (!OpaqueTokens.isWellFormed(presented)) {
            return Uni.createFrom().nullItem();
        }
        return repository.view(OpaqueTokens.hash(presented), config.refreshToken().reuseLeeway())
                .map(view -> view != null && view.alive() && (view.isCurrent() || view.isPreviousWithinLeeway())
                        ? new LiveFamily(view.familyId(), view.accountId())
                        : null);
    }

    /** The family that issued {@code presented}, live or not (a CSRF check needs it); null for a stranger. */
    public Uni<UUID> familyOf(String presented) {
        if (!OpaqueTokens.isWellFormed(presented)) {
            return Uni.createFrom().nullItem();
        }
        return repository.view(OpaqueTokens.hash(presented), config.refreshToken().reuseLeeway())
                .map(view -> view == null ? null : view.familyId());
    }

    public Uni<Void> revoke(UUID familyId, RevocationReason reason) {
        return revocations.family(familyId, reason).replaceWithVoid();
    }

    private Uni<Outcome> rotate(byte[] hash, ClientOfSession client) {
        String next = OpaqueTokens.generate();
        return repository.rotate(hash, OpaqueTokens.hash(next), config.refreshTokenTtl(), client.ipPrefix())
                .chain(rotated -> {
                    if (rotated != null) {
                        rotations.increment();
                        return Uni.createFrom().item(new Rotated(rotated.familyId(), rotated.accountId(), rotated.amr(),
                                next, rotated.expiresAt()));
                    }
                    // Another tab rotated it since the read: it is now the predecessor, likely within the leeway.
                    return repository.view(hash, config.refreshToken().reuseLeeway()).chain(this::notCurrent);
                });
    }

    private Uni<Outcome> notCurrent(RefreshTokenRepository.FamilyView view) {
        if (view != null && view.expired()) {
            // Past its idle timeout or absolute lifetime: the access tokens it minted last must die with it.
            return revocations.family(view.familyId(), RevocationReason.EXPIRED).replaceWith(new Refused());
        }
        if (view == null || !view.alive() || view.isCurrent()) {
            return Uni.createFrom().item(new Refused());
        }
        if (view.isPreviousWithinLeeway()) {
            return Uni.createFrom().item(new WithinLeeway(view.familyId(), view.accountId(), view.amr()));
        }
        // Neither the newest token nor a tolerated predecessor, yet its family is alive: someone kept an
        // old token. We cannot tell the thief from the owner, so both lose the session.
        return revocations.family(view.familyId(), RevocationReason.REUSE).invoke(revoked -> {
            if (revoked) {
                events.record(SecurityEvent.REFRESH_TOKEN_REUSE_DETECTED,
                        Map.of("familyId", view.familyId().toString(), "accountId", view.accountId().toString()));
            }
        }).replaceWith(new Refused());
    }
}
