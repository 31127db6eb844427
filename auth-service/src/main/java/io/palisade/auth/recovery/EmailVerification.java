package io.palisade.auth.recovery;

import io.palisade.auth.account.Account;
import io.palisade.auth.account.AccountRepository;
import io.palisade.auth.mail.LinkMail;
import io.palisade.auth.mail.MailKind;
import io.palisade.common.events.SecurityEvent;
import io.palisade.common.events.SecurityEvents;
import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** Proves that an account's email reaches its owner: a link by mail, whose token verifies the address. */
@ApplicationScoped
public class EmailVerification {

    private final LinkMail links;
    private final AccountRepository accounts;
    private final RecoveryConfig config;
    private final SecurityEvents events;

    EmailVerification(LinkMail links, AccountRepository accounts, RecoveryConfig config, SecurityEvents events) {
        this.links = links;
        this.accounts = accounts;
        this.config = config;
        this.events = events;
    }

    /** The mail of a new account. */
    public Uni<Void> welcome(Account account) {
        return links.send(account, MailKind.VERIFY_EMAIL, config.emailVerification().ttl()).replaceWithVoid();
    }

    /** A new link for a signed-in user (older links stop working); 429 past the hourly mail limit. */
    public Uni<Void> resend(UUID accountId) {
        return accounts.findById(accountId).chain(account -> {
            if (account == null) {
                throw new ProblemException(ProblemKind.UNAUTHENTICATED, "No live session: log in again.");
            }
            return links.send(account, MailKind.VERIFY_EMAIL, config.emailVerification().ttl()).invoke(sent -> {
                if (!sent) {
                    throw ProblemException.retryAfter(ProblemKind.TOO_MANY_REQUESTS,
                            "Enough mail for this hour; use the newest link you received.", Duration.ofHours(1));
                }
            }).replaceWithVoid();
        });
    }

    /** 400 invalid-verification-token for an unknown, used, superseded or expired token, whatever the reason. */
    public Uni<Void> verify(String token) {
        return links.spend(token, MailKind.VERIFY_EMAIL).chain(accountId -> {
            if (accountId == null) {
                throw new ProblemException(ProblemKind.INVALID_VERIFICATION_TOKEN,
                        "This link is unknown, used, replaced by a newer one, or expired.");
            }
            return accounts.markEmailVerified(accountId)
                    .invoke(done -> events.record(SecurityEvent.EMAIL_VERIFIED, Map.of("accountId", accountId.toString())));
        });
    }
}
