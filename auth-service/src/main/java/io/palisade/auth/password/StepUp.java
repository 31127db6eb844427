package io.palisade.auth.password;

import io.palisade.auth.account.Account;
import io.palisade.auth.session.Sessions;
import io.palisade.auth.throttle.LoginThrottle;
import io.palisade.common.events.SecurityEvent;
import io.palisade.common.events.SecurityEvents;
import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;

/**
 * Re-authentication of a signed-in caller before a sensitive change: the current password and, when a second
 * factor is on, a current code. It is checked like a login, with the failure reserved before the check, so
 * these routes are no way around the login limits and answer 429 like login; a wrong password or code is a
 * 403 that stays counted. It counts on the counter of the device that signed in to the caller's session,
 * never on the shared one: five wrong logins by a stranger who knows the email fill the shared counter, and
 * must not answer the signed-in owner's password change with 429. A thief holding only an access token gets
 * the same few guesses per window as on the device's login.
 */
@ApplicationScoped
public class StepUp {

    /**
     * The account's second factor as a step-up sees it; the {@code mfa} feature provides it, and depends on
     * this package for its own routes' step-up, so the dependency points one way.
     */
    public interface SecondFactorCheck {
        Uni<Boolean> enabled(UUID accountId);

        /** Whether {@code code} is a current TOTP code of the account; an accepted code is spent. */
        Uni<Boolean> acceptCode(UUID accountId, String code);
    }

    private final PasswordHasher hasher;
    private final SecondFactorCheck secondFactor;
    private final LoginThrottle throttle;
    private final Sessions sessions;
    private final SecurityEvents events;

    StepUp(PasswordHasher hasher, SecondFactorCheck secondFactor, LoginThrottle throttle, Sessions sessions,
            SecurityEvents events) {
        this.hasher = hasher;
        this.sessions = sessions;
        this.secondFactor = secondFactor;
        this.throttle = throttle;
        this.events = events;
    }

    /** Verifies {@code account}'s {@code password} (and {@code code}) for a change made from session {@code session}. */
    public Uni<Void> verify(Account account, UUID session, String password, String code) {
        return sessions.throttleCounterOf(session).chain(key -> {
            LoginThrottle.Counter counter =
                    key != null ? new LoginThrottle.Counter(key) : throttle.ofSession(account.email(), session);
            return verify(account, counter, password, code);
        });
    }

    private Uni<Void> verify(Account account, LoginThrottle.Counter counter, String password, String code) {
        return throttle.attempt(counter, account.id(), () -> (password == null ? Uni.createFrom().item(false)
                        : hasher.verify(password, account.passwordHash()))
                .chain(matches -> {
                    if (!matches) {
                        events.record(SecurityEvent.LOGIN_FAILED, Map.of("accountId", account.id().toString()));
                        return Uni.createFrom().item(LoginThrottle.Verdict.<Void>wrong(
                                new ProblemException(ProblemKind.FORBIDDEN, "The current password is wrong.")));
                    }
                    return secondFactor.enabled(account.id())
                            .chain(enabled -> !enabled ? Uni.createFrom().item(true)
                                    : code == null ? Uni.createFrom().item(false)
                                    : secondFactor.acceptCode(account.id(), code))
                            .map(accepted -> accepted ? LoginThrottle.Verdict.<Void>right(null)
                                    : LoginThrottle.Verdict.<Void>wrong(new ProblemException(ProblemKind.FORBIDDEN,
                                            "A current code from your authenticator app is required.")));
                }));
    }
}
