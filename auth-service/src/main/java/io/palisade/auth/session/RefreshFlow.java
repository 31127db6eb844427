package io.palisade.auth.session;

import io.palisade.auth.account.AccountRepository;
import io.palisade.auth.revocation.RevocationReason;
import io.palisade.auth.token.AccessTokenIssuer;
import io.palisade.auth.token.TokenResponse;
import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Refresh, csrf and logout: everything done with a refresh cookie. The CSRF check comes first and is the
 * only place the header is compared, so a request without it changes nothing, reuse detection included.
 */
@ApplicationScoped
class RefreshFlow {

    /**
     * A refresh's answer; {@code newRefreshToken} (live until {@code sessionEnd}) is null within the leeway (no
     * new cookie).
     */
    public record Refreshed(TokenResponse body, String newRefreshToken, Instant sessionEnd) {
        @Override
        public String toString() {
            return "Refreshed[...]";
        }
    }

    private final RefreshTokenRotation rotation;
    private final CsrfTokens csrf;
    private final AccountRepository accounts;
    private final AccessTokenIssuer issuer;

    RefreshFlow(RefreshTokenRotation rotation, CsrfTokens csrf, AccountRepository accounts, AccessTokenIssuer issuer) {
        this.rotation = rotation;
        this.csrf = csrf;
        this.accounts = accounts;
        this.issuer = issuer;
    }

    public Uni<Refreshed> refresh(String refreshToken, String csrfHeader, ClientOfSession client) {
        return rotation.use(refreshToken, client, familyId -> csrf.require(familyId, csrfHeader)).chain(outcome -> {
            if (outcome instanceof RefreshTokenRotation.Rotated rotated) {
                return accessToken(rotated.accountId(), rotated.familyId(), rotated.amr())
                        .map(body -> new Refreshed(body, rotated.newToken(), rotated.expiresAt()));
            }
            if (outcome instanceof RefreshTokenRotation.WithinLeeway leeway) {
                return accessToken(leeway.accountId(), leeway.familyId(), leeway.amr())
                        .map(body -> new Refreshed(body, null, null));
            }
            throw noSession();
        });
    }

    public Uni<String> csrfValue(String refreshToken) {
        return rotation.live(refreshToken).map(family -> {
            if (family == null) {
                throw noSession();
            }
            return csrf.forFamily(family.familyId());
        });
    }

    public Uni<Void> logout(String refreshToken, String csrfHeader) {
        return checkedFamily(refreshToken, csrfHeader)
                .chain(familyId -> rotation.revoke(familyId, RevocationReason.LOGOUT));
    }

    private Uni<UUID> checkedFamily(String refreshToken, String csrfHeader) {
        return rotation.familyOf(refreshToken).map(familyId -> {
            if (familyId == null) {
                throw noSession();
            }
            csrf.require(familyId, csrfHeader);
            return familyId;
        });
    }

    private Uni<TokenResponse> accessToken(UUID accountId, UUID familyId, List<String> amr) {
        return accounts.findById(accountId).map(account -> {
            if (account == null || account.locked()) {
                throw noSession();
            }
            AccessTokenIssuer.IssuedToken token = issuer.forUser(account, familyId, amr);
            return TokenResponse.bearer(token.value(), token.expiresInSeconds(), csrf.forFamily(familyId));
        });
    }

    private static ProblemException noSession() {
        return new ProblemException(ProblemKind.UNAUTHENTICATED, "No live session: log in again.");
    }
}
