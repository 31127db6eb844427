package io.palisade.auth.login;

import io.palisade.auth.account.AccountRepository;
import io.palisade.auth.mfa.MfaConfig;
import io.palisade.auth.mfa.SecondFactor;
import io.palisade.auth.secret.OpaqueTokens;
import io.palisade.auth.session.ClientOfSession;
import io.palisade.auth.session.SignIn;
import io.palisade.auth.throttle.LoginThrottle;
import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The code step of a login. Each attempt is counted twice before the code is checked: on the challenge
 * (which dies after {@code max-codes-per-challenge}) and on the login-throttle counter the password step
 * chose (the device's, when it presented a valid device token, else the account's shared one). So parallel
 * wrong codes check at most as many codes as the counter allows, fresh challenges do not reset anything,
 * and an attacker with the password cannot lock the owner's known device out.
 */
@ApplicationScoped
class SecondStep {

    static final List<String> PASSWORD_AND_CODE = List.of("pwd", "otp");
    private static final String WRONG_CODE = "The code is wrong, or this sign-in has expired: log in again.";

    private final LoginChallenges challenges;
    private final MfaConfig config;
    private final SecondFactor secondFactor;
    private final LoginThrottle throttle;
    private final AccountRepository accounts;
    private final SignIn signIn;

    SecondStep(LoginChallenges challenges, MfaConfig config, SecondFactor secondFactor, LoginThrottle throttle,
            AccountRepository accounts, SignIn signIn) {
        this.challenges = challenges;
        this.config = config;
        this.secondFactor = secondFactor;
        this.throttle = throttle;
        this.accounts = accounts;
        this.signIn = signIn;
    }

    Uni<SignIn.Session> complete(SecondStepRequest request, ClientOfSession client) {
        if ((request.code() == null) == (request.recoveryCode() == null)) {
            throw ProblemException.invalid("code", "send either code or recoveryCode");
        }
        if (!OpaqueTokens.isWellFormed(request.mfaToken())) {
            throw wrongCode();
        }
        byte[] tokenHash = OpaqueTokens.hash(request.mfaToken());
        return challenges.attempt(tokenHash, config.maxCodesPerChallenge()).chain(challenge -> {
            if (challenge == null) {
                throw wrongCode();
            }
            LoginThrottle.Counter counter = new LoginThrottle.Counter(challenge.counterKey());
            return throttle.attempt(counter, challenge.accountId(), () -> secondFactor
                            .accept(challenge.accountId(), request.code(), request.recoveryCode(),
                                    transaction -> LoginChallenges.spend(transaction, tokenHash))
                            .map(accepted -> accepted ? LoginThrottle.Verdict.right(true)
                                    : LoginThrottle.Verdict.<Boolean>wrong(wrongCode())))
                    .chain(() -> accounts.findById(challenge.accountId()))
                    .chain(account -> {
                        if (account == null || account.locked()) {
                            throw wrongCode();
                        }
                        return signIn.start(account, challenge.knownDevice() ? counter : null, client, PASSWORD_AND_CODE);
                    });
        });
    }

    private static ProblemException wrongCode() {
        return new ProblemException(ProblemKind.UNAUTHENTICATED, WRONG_CODE);
    }
}
