package io.palisade.auth.registration;

import io.palisade.auth.account.Account;
import io.palisade.auth.account.AccountRepository;
import io.palisade.auth.account.EmailTakenException;
import io.palisade.auth.password.PasswordHasher;
import io.palisade.auth.password.PasswordPolicy;
import io.palisade.auth.recovery.EmailVerification;
import io.palisade.common.jwt.Roles;
import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Registration: policy, hash, account, then the profile in user-service. If the profile cannot be made, the
 * account is removed again and the answer is 503: nothing half-made is left behind.
 */
@ApplicationScoped
class RegistrationFlow {

    private static final Logger LOG = Logger.getLogger(RegistrationFlow.class);

    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final AccountRepository accounts;
    private final ProfileProvisioning profiles;
    private final EmailVerification verification;

    RegistrationFlow(PasswordPolicy policy, PasswordHasher hasher, AccountRepository accounts,
            ProfileProvisioning profiles, EmailVerification verification) {
        this.verification = verification;
        this.policy = policy;
        this.hasher = hasher;
        this.accounts = accounts;
        this.profiles = profiles;
    }

    public Uni<Registered> register(RegisterRequest request) {
        return policy.check(request.password(), request.email(), request.displayName())
                .chain(() -> hasher.hash(request.password()))
                .chain(hash -> accounts.insert(new Account(UUID.randomUUID(), request.email(), hash, List.of(Roles.USER),
                        request.displayName())))
                .onFailure(EmailTakenException.class)
                .transform(e -> new ProblemException(ProblemKind.CONFLICT, "An account with this email already exists."))
                .chain(account -> profiles.create(account.id(), account.email(), request.displayName())
                        .onFailure().call(failure -> {
                            LOG.warnf("profile creation failed (%s); removing account %s", failure.getClass().getSimpleName(),
                                    account.id());
                            return accounts.delete(account.id());
                        })
                        .onFailure().transform(failure -> ProblemException.dependencyUnavailable(
                                "Registration is unavailable right now; try again shortly."))
                        // The account exists now: a mail that could not be queued is one the user can ask for again.
                        .chain(() -> verification.welcome(account).onFailure().invoke(failure -> LOG.warnf(
                                "verification mail for %s not queued (%s)", account.id(), failure.getClass().getSimpleName()))
                                .onFailure().recoverWithNull())
                        .replaceWith(new Registered(account.id(), account.email())));
    }
}
