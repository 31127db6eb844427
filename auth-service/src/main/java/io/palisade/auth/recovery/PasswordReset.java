package io.palisade.auth.recovery;

import io.palisade.auth.account.AccountRepository;
import io.palisade.auth.account.Emails;
import io.palisade.auth.mail.LinkMail;
import io.palisade.auth.mail.MailKind;
import io.palisade.auth.mail.Notices;
import io.palisade.auth.password.PasswordHasher;
import io.palisade.auth.password.PasswordPolicy;
import io.palisade.auth.revocation.RevocationReason;
import io.palisade.auth.revocation.Revocations;
import io.palisade.auth.throttle.LoginThrottle;
import io.palisade.common.events.SecurityEvent;
import io.palisade.common.events.SecurityEvents;
import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;

/**
 * A forgotten password. Only an existing, unlocked account under its hourly limit gets a link, and the answer
 * is given only once that mail is recorded (an acknowledged request is never lost). So that the answer's
 * timing says nothing about the address, every request takes at least {@link #ANSWER_FLOOR}, far more than
 * the work on either path. The confirmation replaces the password, ends every session and empties the
 * account's login counters.
 */
@ApplicationScoped
class PasswordReset {

    /** Longer than the lookup and the mail's transaction take, so both paths answer after the same time. */
    static final Duration ANSWER_FLOOR = Duration.ofMillis(250);

    private final LinkMail links;
    private final AccountRepository accounts;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final Revocations revocations;
    private final LoginThrottle throttle;
    private final RecoveryConfig config;
    private final SecurityEvents events;
    private final Notices notices;

    PasswordReset(LinkMail links, AccountRepository accounts, PasswordPolicy policy, PasswordHasher hasher,
            Revocations revocations, LoginThrottle throttle, RecoveryConfig config, SecurityEvents events,
            Notices notices) {
        this.notices = notices;
        this.links = links;
        this.accounts = accounts;
        this.policy = policy;
        this.hasher = hasher;
        this.revocations = revocations;
        this.throttle = throttle;
        this.config = config;
        this.events = events;
    }

    /** Completes, after {@link #ANSWER_FLOOR} at the earliest, once any mail for {@code email} is recorded. */
    public Uni<Void> request(String email) {
        String normalised = Emails.normalise(email);
        Uni<Void> work = accounts.findByEmail(normalised).chain(account -> {
            if (account == null || account.locked()) {
                return Uni.createFrom().voidItem();
            }
            return links.send(account, MailKind.RESET_PASSWORD, config.passwordReset().ttl())
                    .invoke(sent -> {
                        if (sent) {
                            events.record(SecurityEvent.PASSWORD_RESET_REQUESTED,
                                    Map.of("accountId", account.id().toString()));
                        }
                    })
                    .replaceWithVoid();
        });
        Uni<Void> floor = Uni.createFrom().voidItem().onItem().delayIt().by(ANSWER_FLOOR);
        return Uni.combine().all().unis(work, floor).discardItems()
                .onFailure().transform(failure -> ProblemException.dependencyUnavailable(
                        "Password reset is unavailable right now; try again shortly."));
    }

    /** 400 validation for a password that breaks the rules (the token is kept), 400 invalid-reset-token otherwise. */
    public Uni<Void> confirm(String token, String newPassword) {
        // The rules take the account's email and displayName as zxcvbn inputs, so the account is read first; the
        // token is spent only once the password passes.
        return links.holder(token, MailKind.RESET_PASSWORD)
                .chain(accountId -> accountId == null ? Uni.createFrom().nullItem() : accounts.findById(accountId))
                .chain(holder -> {
                    if (holder == null || holder.locked()) {
                        throw invalidToken();
                    }
                    return policy.check(newPassword, holder.email(), holder.displayName());
                })
                .chain(() -> links.spend(token, MailKind.RESET_PASSWORD))
                .chain(accountId -> accountId == null ? Uni.createFrom().nullItem() : accounts.findById(accountId))
                .chain(account -> {
                    if (account == null || account.locked()) {
                        throw invalidToken();
                    }
                    return hasher.hash(newPassword)
                            .chain(hash -> accounts.updatePasswordHash(account.id(), hash))
                            .chain(() -> accounts.markEmailVerified(account.id()))
                            .chain(() -> revocations.account(account.id(), null, RevocationReason.RESET))
                            .chain(() -> throttle.clearAll(account.email()))
                            .invoke(done -> events.record(SecurityEvent.PASSWORD_RESET_COMPLETED,
                                    Map.of("accountId", account.id().toString())))
                            .chain(() -> notices.tell(account.id(), MailKind.PASSWORD_RESET));
                });
    }

    private static ProblemException invalidToken() {
        return new ProblemException(ProblemKind.INVALID_RESET_TOKEN,
                "This link is unknown, used, replaced by a newer one, or expired.");
    }
}
