package io.palisade.auth.login;

import io.palisade.auth.account.Account;
import io.palisade.auth.account.AccountRepository;
import io.palisade.auth.account.Emails;
import io.palisade.auth.mfa.MfaConfig;
import io.palisade.auth.mfa.SecondFactor;
import io.palisade.auth.password.PasswordHasher;
import io.palisade.auth.recovery.RecoveryConfig;
import io.palisade.auth.secret.OpaqueTokens;
import io.palisade.auth.session.ClientOfSession;
import io.palisade.auth.session.SignIn;
import io.palisade.auth.throttle.LoginThrottle;
import io.palisade.common.events.SecurityEvent;
import io.palisade.common.events.SecurityEvents;
import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * The password step of a login: refused with 503 at once while the hashing pool is full, else a failure
 * reserved on the throttle, one password hash whether or not the account exists, then a new session (and the
 * counter reset), or, for an account with a second factor, a challenge for the code step (and the reservation
 * given back: the login is not over, so the counter is not reset, and the wrong codes to come count on it).
 * Wrong password and unknown email end in the same 401, after the same work.
 */
@ApplicationScoped
class LoginFlow {

    static final String WRONG_CREDENTIALS = "The email or password is incorrect.";
    static final List<String> PASSWORD_ONLY = List.of("pwd");

    /** A session, or a challenge for the code step (exactly one of them). */
    record Result(SignIn.Session session, MfaChallenge challenge) {
    }

    private final AccountRepository accounts;
    private final LoginThrottle throttle;
    private final PasswordHasher hasher;
    private final SecondFactor secondFactor;
    private final LoginChallenges challenges;
    private final MfaConfig mfa;
    private final SignIn signIn;
    private final RecoveryConfig recovery;
    private final SecurityEvents events;

    LoginFlow(AccountRepository accounts, LoginThrottle throttle, PasswordHasher hasher, SecondFactor secondFactor,
            LoginChallenges challenges, MfaConfig mfa, SignIn signIn, RecoveryConfig recovery, SecurityEvents events) {
        this.recovery = recovery;
        this.accounts = accounts;
        this.throttle = throttle;
        this.hasher = hasher;
        this.secondFactor = secondFactor;
        this.challenges = challenges;
        this.mfa = mfa;
        this.signIn = signIn;
        this.events = events;
    }

    Uni<Result> login(LoginRequest request, String deviceToken, ClientOfSession client) {
        String email = Emails.normalise(request.email());
        return hasher.whenRoom(() -> accounts.findByEmail(email).chain(account -> signIn
                .isDeviceOf(deviceToken, account == null ? null : account.id())
                .chain(knownDevice -> {
                    LoginThrottle.Counter counter = throttle.counter(email, knownDevice ? deviceToken : null);
                    return throttle.attempt(counter, account == null ? null : account.id(), () -> hasher
                                    .verify(request.password(), account == null ? null : account.passwordHash())
                                    // A locked account's right password gets the same answer as a wrong one.
                                    .chain(matches -> matches && !account.locked()
                                            ? passwordRight(account, request.password())
                                            : Uni.createFrom().item(passwordWrong(account))))
                            .chain(codeStep -> codeStep
                                    ? challenge(account, counter, knownDevice)
                                    : signIn.start(account, knownDevice ? counter : null, client, PASSWORD_ONLY)
                                            .map(session -> new Result(session, null)));
                })));
    }

    private LoginThrottle.Verdict<Boolean> passwordWrong(Account account) {
        events.record(SecurityEvent.LOGIN_FAILED,
                account == null ? Map.of() : Map.of("accountId", account.id().toString()));
        return LoginThrottle.Verdict.wrong(new ProblemException(ProblemKind.UNAUTHENTICATED, WRONG_CREDENTIALS));
    }

    /** Whether a code step follows, as the throttle's verdict on a right password. */
    private Uni<LoginThrottle.Verdict<Boolean>> passwordRight(Account account, String password) {
        if (recovery.emailVerification().required() && !account.emailVerified()) {
            return Uni.createFrom().item(LoginThrottle.Verdict.refused(new ProblemException(
                    ProblemKind.EMAIL_UNVERIFIED, "Verify your email address first: open the link we mailed you.")));
        }
        if (account.passwordResetRequired()) {
            return Uni.createFrom().item(LoginThrottle.Verdict.refused(new ProblemException(
                    ProblemKind.PASSWORD_RESET_REQUIRED,
                    "This account's email change was undone: reset the password from the link mailed to you.")));
        }
        return rehashIfWeaker(account, password)
                .chain(() -> secondFactor.enabled(account.id()))
                .map(enabled -> enabled ? LoginThrottle.Verdict.rightSoFar(true) : LoginThrottle.Verdict.right(false));
    }

    private Uni<Result> challenge(Account account, LoginThrottle.Counter counter, boolean knownDevice) {
        String token = OpaqueTokens.generate();
        return challenges.create(OpaqueTokens.hash(token), account.id(), counter.key(), knownDevice,
                        mfa.challengeTtl())
                .replaceWith(new Result(null, new MfaChallenge(true, token, mfa.challengeTtl().toSeconds())));
    }

    /** Raising the Argon2 parameters takes effect account by account, at each one's next login. */
    private Uni<Void> rehashIfWeaker(Account account, String password) {
        if (!hasher.needsRehash(account.passwordHash())) {
            return Uni.createFrom().voidItem();
        }
        return hasher.hash(password).chain(hash -> accounts.updatePasswordHash(account.id(), hash));
    }
}
