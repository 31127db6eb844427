package io.palisade.auth.emailchange;

import io.palisade.auth.account.Account;
import io.palisade.auth.account.AccountRepository;
import io.palisade.auth.account.EmailTakenException;
import io.palisade.auth.mail.LinkMail;
import io.palisade.auth.mail.MailKind;
import io.palisade.auth.password.StepUp;
import io.palisade.auth.recovery.RecoveryConfig;
import io.palisade.auth.registration.ProfileProvisioning;
import io.palisade.auth.revocation.RevocationReason;
import io.palisade.auth.revocation.Revocations;
import io.palisade.auth.secret.OpaqueTokens;
import io.palisade.common.events.SecurityEvent;
import io.palisade.common.events.SecurityEvents;
import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * An email change the old mailbox can always undo. Asking takes the password (and a code when a second factor is
 * on), counted like a login, so a stolen access token alone cannot move the account to the thief's mailbox. The new
 * address confirms with a mailed link; the answer to the asking is the same whether or not the address is taken.
 * Confirmation moves the account, ends every other session, and mails the old address a revert link that puts it
 * back, ends every session and requires a password reset, mailed to the old address, before the next login.
 *
 * <p>Confirmation and revert each run in one transaction that locks the account's row. A revert drops the pending
 * confirmation, and a confirmation only moves the account from the address it was asked from: one that races a
 * revert either runs first and is undone by it, or runs after it and fails, so the old address stays in place.
 */
@ApplicationScoped
class EmailChange {

    private static final Logger LOG = Logger.getLogger(EmailChange.class);

    private final Pool pool;
    private final AccountRepository accounts;
    private final EmailChangeRepository changes;
    private final LinkMail links;
    private final StepUp stepUp;
    private final Revocations revocations;
    private final EmailChangeConfig config;
    private final RecoveryConfig recovery;
    private final SecurityEvents events;
    private final ProfileProvisioning profiles;

    EmailChange(Pool pool, AccountRepository accounts, EmailChangeRepository changes, LinkMail links, StepUp stepUp,
            Revocations revocations, EmailChangeConfig config, RecoveryConfig recovery, SecurityEvents events,
            ProfileProvisioning profiles) {
        this.profiles = profiles;
        this.pool = pool;
        this.accounts = accounts;
        this.changes = changes;
        this.links = links;
        this.stepUp = stepUp;
        this.revocations = revocations;
        this.config = config;
        this.recovery = recovery;
        this.events = events;
    }

    /** Asks for a change to {@code request.newEmail()} from session {@code session}; mails the new address if free. */
    Uni<Void> request(UUID accountId, UUID session, EmailChangeRequest request) {
        return accounts.findById(accountId).chain(account -> {
            if (account == null || account.locked()) {
                throw new ProblemException(ProblemKind.UNAUTHENTICATED, "No live session: log in again.");
            }
            if (request.newEmail().equals(account.email())) {
                throw ProblemException.invalid("newEmail", "must differ from the current address");
            }
            return stepUp.verify(account, session, request.currentPassword(), request.code())
                    .chain(() -> accounts.findByEmail(request.newEmail()))
                    // A taken address gets no mail, after the same locked count a mail would have cost.
                    .chain(holder -> holder != null ? links.sendNothing(account)
                            : links.send(account, request.newEmail(), MailKind.CONFIRM_EMAIL, config.ttl(),
                                    (conn, hash) -> changes.record(conn, hash, new EmailChangeRepository.Change(
                                            account.email(), request.newEmail(), session))))
                    .invoke(queued -> events.record(SecurityEvent.EMAIL_CHANGE_REQUESTED,
                            Map.of("accountId", account.id().toString())))
                    .replaceWithVoid();
        });
    }

    /** Confirms the change of {@code token}: the account moves, the other sessions end, the old address hears. */
    Uni<Void> confirm(String token) {
        return moved(token, MailKind.CONFIRM_EMAIL, (conn, account, change) -> accounts
                        .moveEmail(conn, account.id(), change.toEmail(), false)
                        .chain(() -> links.queue(conn, account.id(), change.fromEmail(), account.displayName(),
                                MailKind.EMAIL_CHANGED, config.revertTtl(),
                                new JsonObject().put("newEmail", masked(change.toEmail())),
                                (c, hash) -> changes.record(c, hash, new EmailChangeRepository.Change(
                                        change.toEmail(), change.fromEmail(), null)))))
                .call(done -> revocations.account(done.account().id(), done.change().session(),
                        RevocationReason.EMAIL_CHANGED).invoke(ended -> events.record(SecurityEvent.EMAIL_CHANGE_CONFIRMED,
                        Map.of("accountId", done.account().id().toString(), "sessionsEnded", Integer.toString(ended)))))
                .chain(done -> profileFollows(done.account().id(), done.change().toEmail()));
    }

    /** Undoes a confirmed change from the old address: every session ends and the password must be reset. */
    Uni<Void> revert(String token) {
        return moved(token, MailKind.EMAIL_CHANGED, (conn, account, change) -> accounts
                        .moveEmail(conn, account.id(), change.toEmail(), true)
                        .chain(() -> links.dropPending(conn, account.id(), MailKind.CONFIRM_EMAIL))
                        .chain(() -> links.queue(conn, account.id(), change.toEmail(), account.displayName(),
                                MailKind.RESET_PASSWORD, recovery.passwordReset().ttl(), null, LinkMail.NOTHING)))
                .call(done -> revocations.account(done.account().id(), null, RevocationReason.EMAIL_REVERTED)
                        .invoke(ended -> events.record(SecurityEvent.EMAIL_CHANGE_REVERTED,
                                Map.of("accountId", done.account().id().toString()))))
                .chain(done -> profileFollows(done.account().id(), done.change().toEmail()));
    }

    /**
     * user-service's profile keeps a copy of the email to show. The account has moved whatever happens to the copy:
     * a copy that cannot follow now is logged, and follows at the next change.
     */
    private Uni<Void> profileFollows(UUID accountId, String email) {
        return profiles.moveEmail(accountId, email).onFailure().recoverWithUni(failure -> {
            LOG.warnf("the profile of %s still shows the old email: %s", accountId, failure.getClass().getSimpleName());
            return Uni.createFrom().voidItem();
        });
    }

    private interface Move {
        Uni<Void> apply(SqlConnection conn, Account account, EmailChangeRepository.Change change);
    }

    private record Moved(Account account, EmailChangeRepository.Change change) {
    }

    /**
     * Spends {@code token} of {@code kind} and applies {@code move} in one transaction, with the account's row
     * locked; a token that is not live, or whose change no longer starts from the account's address, is a 400 and
     * a taken address a 409, and either way nothing changes, the token included. The account's row is locked
     * before the token's, as every transaction that touches an account's tokens does, so a confirmation and a
     * revert of one account wait for each other instead of deadlocking.
     */
    private Uni<Moved> moved(String token, MailKind kind, Move move) {
        if (!OpaqueTokens.isWellFormed(token)) {
            return Uni.createFrom().failure(invalidToken());
        }
        byte[] hash = OpaqueTokens.hash(token);
        return links.holder(token, kind).chain(holder -> {
                    if (holder == null) {
                        throw invalidToken();
                    }
                    return pool.withTransaction(conn -> accounts.lock(conn, holder).chain(account -> links
                            .spend(conn, token, kind).chain(spentBy -> changes.of(conn, hash).chain(change -> {
                                if (account == null || account.locked() || !holder.equals(spentBy) || change == null
                                        || kind == MailKind.CONFIRM_EMAIL && !change.fromEmail().equals(account.email())) {
                                    throw invalidToken();
                                }
                                return move.apply(conn, account, change).replaceWith(new Moved(account, change));
                            }))));
                })
                .onFailure(EmailTakenException.class).transform(taken -> new ProblemException(ProblemKind.CONFLICT,
                        "Another account holds that address now."));
    }

    /** {@code a***@example.org}: enough for the owner to recognise, too little to give a stranger the address. */
    static String masked(String email) {
        int at = email.indexOf('@');
        return email.substring(0, Math.min(1, at)) + "***" + email.substring(at);
    }

    private static ProblemException invalidToken() {
        return new ProblemException(ProblemKind.INVALID_EMAIL_CHANGE_TOKEN,
                "This link is unknown, used, replaced by a newer one, or expired.");
    }
}
