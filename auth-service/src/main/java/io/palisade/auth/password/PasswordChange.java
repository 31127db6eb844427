package io.palisade.auth.password;

import io.palisade.auth.account.Account;
import io.palisade.auth.account.AccountRepository;
import io.palisade.auth.mail.MailKind;
import io.palisade.auth.mail.Notices;
import io.palisade.auth.revocation.RevocationReason;
import io.palisade.auth.revocation.Revocations;
import io.palisade.common.events.SecurityEvent;
import io.palisade.common.events.SecurityEvents;
import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;

/**
 * A password change by a signed-in user, after {@link StepUp} (the current password, and a code when a second
 * factor is on). On success every other session ends; the caller's stays.
 */
@ApplicationScoped
class PasswordChange {

    private final AccountRepository accounts;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final StepUp stepUp;
    private final Revocations revocations;
    private final SecurityEvents events;
    private final Notices notices;

    PasswordChange(AccountRepository accounts, PasswordPolicy policy, PasswordHasher hasher, StepUp stepUp,
            Revocations revocations, SecurityEvents events, Notices notices) {
        this.notices = notices;
        this.accounts = accounts;
        this.policy = policy;
        this.hasher = hasher;
        this.stepUp = stepUp;
        this.revocations = revocations;
        this.events = events;
    }

    public Uni<Void> change(UUID accountId, UUID currentSession, PasswordChangeRequest request) {
        return accounts.findById(accountId).chain(account -> {
            if (account == null || account.locked()) {
                throw new ProblemException(ProblemKind.UNAUTHENTICATED, "No live session: log in again.");
            }
            // Compared as texts before anything is hashed or counted: both are the caller's, so the comparison
            // tells nothing about the stored password, and a refusal costs no hash.
            if (request.newPassword().equals(request.currentPassword())) {
                throw ProblemException.invalid("newPassword", "must differ from the current password");
            }
            // The rules are checked before any counter is touched: a weak new password costs no guess.
            return policy.check(request.newPassword(), account.email(), account.displayName())
                    .chain(() -> stepUp.verify(account, currentSession, request.currentPassword(), request.code()))
                    .chain(() -> replace(account, currentSession, request));
        });
    }

    private Uni<Void> replace(Account account, UUID currentSession, PasswordChangeRequest request) {
        return hasher.hash(request.newPassword())
                .chain(hash -> accounts.updatePasswordHash(account.id(), hash))
                .chain(() -> revocations.account(account.id(), currentSession, RevocationReason.PASSWORD))
                .invoke(ended -> events.record(SecurityEvent.PASSWORD_CHANGED, Map.of("accountId",
                        account.id().toString(), "sessionsEnded", Integer.toString(ended))))
                .chain(() -> notices.tell(account.id(), MailKind.PASSWORD_CHANGED));
    }
}
