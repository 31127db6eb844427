package io.palisade.auth.admin;

import io.palisade.auth.account.AccountRepository;
import io.palisade.auth.mfa.SecondFactor;
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

/** What an admin may do to someone else's account: lock it, unlock it, end its sessions, remove its second factor. */
@ApplicationScoped
class AccountAdmin {

    private final AccountRepository accounts;
    private final Revocations revocations;
    private final SecondFactor secondFactor;
    private final SecurityEvents events;

    AccountAdmin(AccountRepository accounts, Revocations revocations, SecondFactor secondFactor, SecurityEvents events) {
        this.accounts = accounts;
        this.revocations = revocations;
        this.secondFactor = secondFactor;
        this.events = events;
    }

    /** Locked first, then every session ended: no refresh can slip in between and mint a new token. */
    public Uni<Void> lock(UUID accountId, String adminId) {
        return accounts.setLocked(accountId, true).chain(found -> {
            requireFound(found);
            return revocations.account(accountId, null, RevocationReason.ADMIN);
        }).invoke(ended -> record(SecurityEvent.ACCOUNT_LOCKED, "lock-account", accountId, adminId)).replaceWithVoid();
    }

    public Uni<Void> unlock(UUID accountId, String adminId) {
        return accounts.setLocked(accountId, false).invoke(found -> {
            requireFound(found);
            record(SecurityEvent.ACCOUNT_UNLOCKED, "unlock-account", accountId, adminId);
        }).replaceWithVoid();
    }

    public Uni<Void> endSessions(UUID accountId, String adminId) {
        return accounts.findById(accountId).chain(account -> {
            requireFound(account != null);
            return revocations.account(accountId, null, RevocationReason.ADMIN);
        }).invoke(ended -> events.record(SecurityEvent.ADMIN_ACTION, Map.of("action", "end-sessions",
                "accountId", accountId.toString(), "adminId", adminId))).replaceWithVoid();
    }

    /** Removes the account's second factor, so its owner can sign in with the password alone. */
    public Uni<Void> removeSecondFactor(UUID accountId, String adminId) {
        return accounts.findById(accountId).chain(account -> {
            requireFound(account != null);
            return secondFactor.remove(accountId);
        }).invoke(removed -> events.record(SecurityEvent.ADMIN_ACTION, Map.of("action", "remove-second-factor",
                "accountId", accountId.toString(), "adminId", adminId))).replaceWithVoid();
    }

    private void record(SecurityEvent event, String action, UUID accountId, String adminId) {
        events.record(event, Map.of("accountId", accountId.toString(), "adminId", adminId));
        events.record(SecurityEvent.ADMIN_ACTION, Map.of("action", action, "accountId", accountId.toString(),
                "adminId", adminId));
    }

    private static void requireFound(boolean found) {
        if (!found) {
            throw new ProblemException(ProblemKind.NOT_FOUND, "No such account.");
        }
    }
}
