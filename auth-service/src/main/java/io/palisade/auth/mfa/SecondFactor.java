package io.palisade.auth.mfa;

import io.palisade.auth.mail.MailKind;
import io.palisade.auth.mail.Notices;
import io.palisade.auth.password.StepUp;
import io.palisade.auth.secret.SecretBox;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.palisade.common.events.SecurityEvent;
import io.palisade.common.events.SecurityEvents;
import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * An account's TOTP factor: enrolment (pending until a correct code confirms it), the check of a code or a
 * recovery code (each accepted once), and removal. The secret leaves this class only once, in the enrolment
 * answer, and never reaches a log.
 */
@ApplicationScoped
public class SecondFactor implements StepUp.SecondFactorCheck {

    /** What {@code GET /api/auth/mfa} answers. */
    @RegisterForReflection
    public record Status(boolean totp, int recoveryCodesLeft) {
    }

    /** A pending enrolment: the secret, as text, as a URI and as a QR code of that URI. */
    @RegisterForReflection
    public record Enrolment(String secret, String otpauthUri, String qrCode) {
        @Override
        public String toString() {
            return "Enrolment[...]";
        }
    }

    /** The recovery codes, shown this once. */
    @RegisterForReflection
    public record RecoveryCodeList(List<String> recoveryCodes) {
        @Override
        public String toString() {
            return "RecoveryCodeList[...]";
        }
    }

    private final MfaRepository repository;
    private final SecretBox box;
    private final Totp totp;
    private final MfaConfig config;
    private final SecurityEvents events;
    private final Notices notices;

    SecondFactor(MfaRepository repository, SecretBox box, Totp totp, MfaConfig config, SecurityEvents events,
            Notices notices) {
        this.notices = notices;
        this.repository = repository;
        this.box = box;
        this.totp = totp;
        this.config = config;
        this.events = events;
    }

    public Uni<Status> status(UUID accountId) {
        return repository.factor(accountId).chain(factor -> factor == null || !factor.confirmed()
                ? Uni.createFrom().item(new Status(false, 0))
                : repository.recoveryCodesLeft(accountId).map(left -> new Status(true, left)));
    }

    @Override
    public Uni<Boolean> enabled(UUID accountId) {
        return repository.factor(accountId).map(factor -> factor != null && factor.confirmed());
    }

    /** A new pending secret (replacing a pending one); 409 when a factor is already on. */
    public Uni<Enrolment> start(UUID accountId, String accountName) {
        byte[] secret = totp.newSecret();
        return repository.startPending(accountId, box.seal(accountId, secret)).map(started -> {
            if (!started) {
                throw new ProblemException(ProblemKind.CONFLICT, "A second factor is already enabled.");
            }
            String uri = Totp.otpauthUri(config.issuer(), accountName, secret);
            return new Enrolment(Totp.base32(secret), uri, QrCodes.pngDataUri(uri));
        });
    }

    /** Turns the pending factor on with its first correct code; 403 for a wrong code, 409 with nothing pending. */
    public Uni<RecoveryCodeList> confirm(UUID accountId, String code) {
        return repository.factor(accountId).chain(factor -> {
            if (factor == null || factor.confirmed()) {
                throw new ProblemException(ProblemKind.CONFLICT, "No second factor is waiting for confirmation.");
            }
            OptionalLong step = totp.stepOf(box.open(accountId, factor.sealedSecret()), code, Instant.now());
            if (step.isEmpty()) {
                events.record(SecurityEvent.MFA_FAILED, Map.of("accountId", accountId.toString(), "step", "enrolment"));
                throw new ProblemException(ProblemKind.FORBIDDEN, "The code is wrong.");
            }
            List<String> codes = RecoveryCodes.generate();
            return repository.confirm(accountId, step.getAsLong(), codes.stream().map(RecoveryCodes::hash).toList())
                    .chain(confirmed -> {
                        if (!confirmed) {
                            throw new ProblemException(ProblemKind.CONFLICT, "No second factor is waiting for confirmation.");
                        }
                        events.record(SecurityEvent.MFA_ENABLED, Map.of("accountId", accountId.toString()));
                        return notices.tell(accountId, MailKind.MFA_ENABLED).replaceWith(new RecoveryCodeList(codes));
                    });
        });
    }

    /**
     * Whether {@code code} (a TOTP code) or {@code recoveryCode} is accepted for the account's confirmed
     * factor. An accepted one is spent: the same TOTP step or recovery code never passes again.
     */
    public Uni<Boolean> accept(UUID accountId, String code, String recoveryCode) {
        return accept(accountId, code, recoveryCode, conn -> Uni.createFrom().item(true));
    }

    @Override
    public Uni<Boolean> acceptCode(UUID accountId, String code) {
        return accept(accountId, code, null);
    }

    /** What a code is spent together with, in its transaction; false when that was spent already. */
    @FunctionalInterface
    public interface Alongside {
        Uni<Boolean> spend(SqlClient transaction);
    }

    /**
     * Checks and spends {@code code} (or {@code recoveryCode}) together with what {@code alongside} spends (a
     * login's challenge): a request that loses that to a parallel one spends nothing.
     */
    public Uni<Boolean> accept(UUID accountId, String code, String recoveryCode, Alongside alongside) {
        Uni<Boolean> verdict;
        if (recoveryCode != null && code == null) {
            verdict = repository.spend(accountId, null, RecoveryCodes.hash(recoveryCode), alongside).invoke(spent -> {
                if (spent) {
                    events.record(SecurityEvent.MFA_RECOVERY_CODE_USED, Map.of("accountId", accountId.toString()));
                }
            });
        } else {
            verdict = repository.factor(accountId).chain(factor -> {
                if (factor == null || !factor.confirmed()) {
                    return Uni.createFrom().item(false);
                }
                OptionalLong step = totp.stepOf(box.open(accountId, factor.sealedSecret()), code, Instant.now());
                return step.isEmpty() ? Uni.createFrom().item(false)
                        : repository.spend(accountId, step.getAsLong(), null, alongside);
            });
        }
        return verdict.invoke(accepted -> {
            if (!accepted) {
                events.record(SecurityEvent.MFA_FAILED, Map.of("accountId", accountId.toString()));
            }
        });
    }

    /** Removes the factor and its recovery codes; false when there was none. */
    /** Removes the account's factor, by its owner or an admin; the owner hears of it either way. */
    public Uni<Boolean> remove(UUID accountId) {
        return repository.remove(accountId).chain(removed -> {
            if (!removed) {
                return Uni.createFrom().item(false);
            }
            events.record(SecurityEvent.MFA_DISABLED, Map.of("accountId", accountId.toString()));
            return notices.tell(accountId, MailKind.MFA_DISABLED).replaceWith(true);
        });
    }
}
