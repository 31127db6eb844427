package io.palisade.auth.login;

import io.palisade.auth.account.Account;
import io.palisade.auth.account.AccountRepository;
import io.palisade.auth.account.Emails;
import io.palisade.auth.password.PasswordHasher;
import io.palisade.auth.mail.MailConfig;
import io.palisade.auth.mfa.MfaConfig;
import io.palisade.auth.mfa.MfaRepository;
import io.palisade.auth.mfa.SecondFactor;
import io.palisade.auth.refresh.ClientOfSession;
import io.palisade.auth.refresh.OpaqueTokens;
import io.palisade.auth.throttle.LoginThrottle;
import io.palisade.common.events.SecurityEvent;
import io.palisade.common.events.SecurityEvents;
import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
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
public class LoginFlow {

    static final String WRONG_CREDENTIALS = "The email or password is incorrect.";
    static final List<String> PASSWORD_ONLY = List.of("pwd");

    /** A session, or a challenge for the code step (exactly one of them). */
    public record Result(SignIn.Session session, MfaChallenge challenge) {
    }

    private final AccountRepository accounts;
    private final DeviceRepository devices;
    private final LoginThrottle throttle;
    private final PasswordHasher hasher;
    private final SecondFactor secondFactor;
    private final MfaRepository challenges;
    private final MfaConfig mfa;
    private final SignIn signIn;
    private final MailConfig mail;
    private final SecurityEvents events;

    LoginFlow(AccountRepository accounts, DeviceRepository devices, LoginThrottle throttle, PasswordHasher hasher,
            SecondFactor secondFactor, MfaRepository challenges, MfaConfig mfa, SignIn signIn, MailConfig mail,
            SecurityEvents events) {
        this.mail = mail;
        this.accounts = accounts;
        this.devices = devices;
        this.throttle = throttle;
        this.hasher = hasher;
        this.secondFactor = secondFactor;
        this.challenges = challenges;
        this.mfa = mfa;
        this.signIn = signIn;
        this.events = events;
    }

    public Uni<Result> login(LoginRequest request, String deviceToken, ClientOfSession client) {
        String email = Emails.normalise(request.email());
        return hasher.whenRoom(() -> accounts.findByEmail(email).chain(account -> devices
                .belongsTo(deviceToken, account == null ? null : account.id())
                .chain(knownDevice -> {
                    LoginThrottle.Counter counter = throttle.counter(email, knownDevice ? deviceToken : null);
                    return throttle.reserved(counter, "Too many failed logins; try again later.", () -> {
                                Map<String, String> fields = new HashMap<>(accountField(account));
                                fields.put("counter", knownDevice ? "device" : "shared");
                                events.record(SecurityEvent.LOGIN_THROTTLED, fields);
                            }, () -> hasher.verify(request.password(), account == null ? null : account.passwordHash()))
                            // A locked account's right password gets the same answer as a wrong one.
                            .chain(matches -> matches && !account.locked()
                                    ? succeed(account, request.password(), counter, knownDevice, client)
                                    : fail(account));
                })));
    }

    /** The failure was counted when the login reserved it. */
    private Uni<Result> fail(Account account) {
        events.record(SecurityEvent.LOGIN_FAILED, accountField(account));
        return Uni.createFrom().failure(new ProblemException(ProblemKind.UNAUTHENTICATED, WRONG_CREDENTIALS));
    }

    private Uni<Result> succeed(Account account, String password, LoginThrottle.Counter counter, boolean knownDevice,
            ClientOfSession client) {
        if (mail.emailVerification().required() && !account.emailVerified()) {
            // The password was right, so nothing is counted; the answer says what is missing.
            return throttle.release(counter).chain(() -> Uni.createFrom().failure(new ProblemException(
                    ProblemKind.EMAIL_UNVERIFIED, "Verify your email address first: open the link we mailed you.")));
        }
        return rehashIfWeaker(account, password)
                .chain(() -> secondFactor.enabled(account.id()))
                .chain(enabled -> enabled
                        ? throttle.release(counter).chain(() -> challenge(account, counter, knownDevice))
                        : throttle.succeeded(counter)
                                .chain(() -> signIn.start(account, knownDevice ? counter : null, client, PASSWORD_ONLY))
                                .map(session -> new Result(session, null)));
    }

    private Uni<Result> challenge(Account account, LoginThrottle.Counter counter, boolean knownDevice) {
        String token = OpaqueTokens.generate();
        return challenges.createChallenge(OpaqueTokens.hash(token), account.id(), counter.key(), knownDevice,
                        mfa.challengeTtl())
                .replaceWith(new Result(null, new MfaChallenge(true, token, mfa.challengeTtl().toSeconds())));
    }

    /** The account a login named, for the security log only: the client's answer is the same either way. */
    private static Map<String, String> accountField(Account account) {
        return account == null ? Map.of() : Map.of("accountId", account.id().toString());
    }

    /** Raising the Argon2 parameters takes effect account by account, at each one's next login. */
    private Uni<Void> rehashIfWeaker(Account account, String password) {
        if (!hasher.needsRehash(account.passwordHash())) {
            return Uni.createFrom().voidItem();
        }
        return hasher.hash(password).chain(hash -> accounts.updatePasswordHash(account.id(), hash));
    }
}
