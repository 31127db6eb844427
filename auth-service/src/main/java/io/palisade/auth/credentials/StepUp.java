package io.palisade.auth.credentials;

import io.palisade.auth.account.Account;
import io.palisade.auth.mfa.SecondFactor;
import io.palisade.auth.password.PasswordHasher;
import io.palisade.auth.throttle.LoginThrottle;
import io.palisade.common.events.SecurityEvent;
import io.palisade.common.events.SecurityEvents;
import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Re-authentication before a sensitive change: the current password and, when a second factor is on, a
 * current code. It is checked like a login, on the account's shared login-throttle counter with the failure
 * reserved before the check, so these routes are no way around the login limits and answer 429 like login;
 * a wrong password or code is a 403 that stays counted.
 */
@ApplicationScoped
public class StepUp {

    private final PasswordHasher hasher;
    private final SecondFactor secondFactor;
    private final LoginThrottle throttle;
    private final SecurityEvents events;

    StepUp(PasswordHasher hasher, SecondFactor secondFactor, LoginThrottle throttle, SecurityEvents events) {
        this.hasher = hasher;
        this.secondFactor = secondFactor;
        this.throttle = throttle;
        this.events = events;
    }

    public Uni<Void> verify(Account account, String password, String code) {
        LoginThrottle.Counter counter = throttle.counter(account.email(), null);
        return throttle.reserved(counter, "Too many failed attempts; try again later.",
                        () -> events.record(SecurityEvent.LOGIN_THROTTLED, Map.of("accountId", account.id().toString(),
                                "counter", "shared")),
                        () -> hasher.verify(password, account.passwordHash()))
                .chain(matches -> {
                    if (!matches) {
                        events.record(SecurityEvent.LOGIN_FAILED, Map.of("accountId", account.id().toString()));
                        throw new ProblemException(ProblemKind.FORBIDDEN, "The current password is wrong.");
                    }
                    return secondFactor.enabled(account.id());
                })
                .chain(enabled -> !enabled ? Uni.createFrom().item(true)
                        : code == null ? Uni.createFrom().item(false)
                        : secondFactor.accept(account.id(), code, null))
                .chain(accepted -> {
                    if (!accepted) {
                        throw new ProblemException(ProblemKind.FORBIDDEN,
                                "A current code from your authenticator app is required.");
                    }
                    return throttle.succeeded(counter);
                });
    }
}
