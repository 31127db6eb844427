package io.palisade.auth.password;

import io.palisade.auth.account.Account;
import io.palisade.auth.account.AccountRepository;
import io.palisade.auth.revocation.RevocationReason;
import io.palisade.auth.revocation.Revocations;
import io.palisade.auth.throttle.LoginThrottle;
import io.palisade.common.events.SecurityEvent;
import io.palisade.common.events.SecurityEvents;
import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;

/**
 * A password change by a signed-in user. The current password is checked like a login, on the account's
 * shared login-throttle counter with the failure reserved before the hash (so this route is no way around
 * the login limits, and answers 429 like login). On success every other session ends; the caller's stays.
 */
@ApplicationScoped
public class PasswordChange {

    private final AccountRepository accounts;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final Revocations revocations;
    private final SecurityEvents events;

    PasswordChange(AccountRepository accounts, PasswordPolicy policy, PasswordHasher hasher, LoginThrottle throttle,
            Revocations revocations, SecurityEvents events) {
        this.accounts = accounts;
        this.policy = policy;
        this.hasher = hasher;
        this.throttle = throttle;
        this.revocations = revocations;
        this.events = events;
    }

    public Uni<Void> change(UUID accountId, UUID currentSession, PasswordChangeRequest request) {
        return accounts.findById(accountId).chain(account -> {
            if (account == null || account.locked()) {
                throw new ProblemException(ProblemKind.UNAUTHENTICATED, "No live session: log in again.");
            }
            // zxcvbn costs real CPU on long inputs: off the event loop, before any counter is touched.
            return Uni.createFrom().item(() -> {
                        policy.check(request.newPassword(), account.email(), null);
                        return account;
                    })
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .chain(checked -> reauthenticate(checked, request.currentPassword()))
                    .chain(() -> replace(account, currentSession, request.newPassword()));
        });
    }

    private Uni<Void> reauthenticate(Account account, String currentPassword) {
        LoginThrottle.Counter counter = throttle.counter(account.email(), null);
        return throttle.reserve(counter).chain(locked -> {
            if (locked.isPresent()) {
                events.record(SecurityEvent.LOGIN_THROTTLED, Map.of("accountId", account.id().toString(),
                        "counter", "shared"));
                throw ProblemException.retryAfter(ProblemKind.TOO_MANY_REQUESTS,
                        "Too many failed attempts; try again later.", locked.get());
            }
            return hasher.verify(currentPassword, account.passwordHash())
                    .onFailure().call(noVerdict -> throttle.release(counter))
                    .chain(matches -> {
                        if (!matches) {
                            events.record(SecurityEvent.LOGIN_FAILED, Map.of("accountId", account.id().toString()));
                            throw new ProblemException(ProblemKind.FORBIDDEN, "The current password is wrong.");
                        }
                        return throttle.succeeded(counter);
                    });
        });
    }

    private Uni<Void> replace(Account account, UUID currentSession, String newPassword) {
        return hasher.verify(newPassword, account.passwordHash()).chain(same -> {
            if (same) {
                throw ProblemException.invalid("newPassword", "must differ from the current password");
            }
            return hasher.hash(newPassword);
        })
                .chain(hash -> accounts.updatePasswordHash(account.id(), hash))
                .chain(() -> revocations.account(account.id(), currentSession, RevocationReason.PASSWORD))
                .invoke(ended -> events.record(SecurityEvent.PASSWORD_CHANGED, Map.of("accountId",
                        account.id().toString(), "sessionsEnded", Integer.toString(ended))))
                .replaceWithVoid();
    }
}
