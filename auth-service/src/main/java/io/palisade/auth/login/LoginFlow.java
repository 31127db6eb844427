package io.palisade.auth.login;

import io.palisade.auth.account.Account;
import io.palisade.auth.account.AccountRepository;
import io.palisade.auth.account.Emails;
import io.palisade.auth.password.PasswordHasher;
import io.palisade.auth.csrf.CsrfTokens;
import io.palisade.auth.refresh.ClientOfSession;
import io.palisade.auth.refresh.RefreshTokenRotation;
import io.palisade.auth.throttle.LoginThrottle;
import io.palisade.auth.token.AccessTokenIssuer;
import io.palisade.auth.token.TokenResponse;
import io.palisade.common.events.SecurityEvent;
import io.palisade.common.events.SecurityEvents;
import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;

/**
 * A login: a failure reserved on the throttle, one password hash whether or not the account exists, then a
 * new refresh family (and the reservation reset).
 * Wrong password and unknown email end in the same 401, after the same work.
 */
@ApplicationScoped
public class LoginFlow {

    static final String WRONG_CREDENTIALS = "The email or password is incorrect.";

    /** What a successful login hands back; {@code newDeviceToken} is null when the device was known. */
    public record Result(TokenResponse body, String refreshToken, String newDeviceToken) {
        @Override
        public String toString() {
            return "LoginFlow.Result[...]";
        }
    }

    private final AccountRepository accounts;
    private final DeviceRepository devices;
    private final LoginThrottle throttle;
    private final PasswordHasher hasher;
    private final RefreshTokenRotation rotation;
    private final AccessTokenIssuer issuer;
    private final CsrfTokens csrf;
    private final SecurityEvents events;

    LoginFlow(AccountRepository accounts, DeviceRepository devices, LoginThrottle throttle, PasswordHasher hasher,
            RefreshTokenRotation rotation, AccessTokenIssuer issuer, CsrfTokens csrf, SecurityEvents events) {
        this.accounts = accounts;
        this.devices = devices;
        this.throttle = throttle;
        this.hasher = hasher;
        this.rotation = rotation;
        this.issuer = issuer;
        this.csrf = csrf;
        this.events = events;
    }

    public Uni<Result> login(LoginRequest request, String deviceToken, ClientOfSession client) {
        String email = Emails.normalise(request.email());
        return accounts.findByEmail(email).chain(account -> devices
                .belongsTo(deviceToken, account == null ? null : account.id())
                .chain(knownDevice -> {
                    LoginThrottle.Counter counter = throttle.counter(email, knownDevice ? deviceToken : null);
                    return throttle.reserve(counter).chain(locked -> {
                        if (locked.isPresent()) {
                            Map<String, String> fields = new HashMap<>(accountField(account));
                            fields.put("counter", knownDevice ? "device" : "shared");
                            events.record(SecurityEvent.LOGIN_THROTTLED, fields);
                            throw ProblemException.retryAfter(ProblemKind.TOO_MANY_REQUESTS,
                                    "Too many failed logins; try again later.", locked.get());
                        }
                        return hasher.verify(request.password(), account == null ? null : account.passwordHash())
                                .onFailure().call(noVerdict -> throttle.release(counter))
                                // A locked account's right password gets the same answer as a wrong one.
                                .chain(matches -> matches && !account.locked()
                                        ? succeed(account, request.password(), counter, knownDevice, client)
                                        : fail(account));
                    });
                }));
    }

    /** The failure was counted when the login reserved it. */
    private Uni<Result> fail(Account account) {
        events.record(SecurityEvent.LOGIN_FAILED, accountField(account));
        return Uni.createFrom().failure(new ProblemException(ProblemKind.UNAUTHENTICATED, WRONG_CREDENTIALS));
    }

    private Uni<Result> succeed(Account account, String password, LoginThrottle.Counter counter, boolean knownDevice,
            ClientOfSession client) {
        return throttle.succeeded(counter)
                .chain(() -> rehashIfWeaker(account, password))
                .chain(() -> rotation.start(account.id(), client))
                .chain(family -> (knownDevice ? Uni.createFrom().<String>nullItem() : devices.register(account.id()))
                        .map(newDevice -> {
                            AccessTokenIssuer.IssuedToken token = issuer.forUser(account.id(), account.groups(),
                                    family.familyId());
                            events.record(SecurityEvent.LOGIN_SUCCEEDED, Map.of("accountId", account.id().toString()));
                            return new Result(TokenResponse.bearer(token.value(), token.expiresInSeconds(),
                                    csrf.forFamily(family.familyId())), family.newToken(), newDevice);
                        }));
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
