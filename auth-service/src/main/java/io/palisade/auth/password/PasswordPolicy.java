package io.palisade.auth.password;

import com.nulabinc.zxcvbn.Zxcvbn;
import io.palisade.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * API.md's password rules: 12 to 128 characters with an upper-case letter, a digit and a character that is
 * neither, and a zxcvbn score of at least 3 given the user's own email and display name, so that
 * {@code Password123!} and variations of one's own address fail. zxcvbn costs real CPU on long inputs, so
 * the check runs on the bounded default worker pool, never on the caller's event loop.
 */
@ApplicationScoped
public class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;
    static final int MIN_SCORE = 3;

    private final Zxcvbn zxcvbn = new Zxcvbn();

    /** Fails with a 400 problem naming the {@code password} field when the password breaks a rule. */
    public Uni<Void> check(String password, String email, String displayName) {
        return Uni.createFrom().<Void>item(() -> {
            String problem = firstProblem(password, email, displayName);
            if (problem != null) {
                throw ProblemException.invalid("password", problem);
            }
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    String firstProblem(String password, String email, String displayName) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters";
        }
        if (password.codePoints().noneMatch(Character::isUpperCase)) {
            return "must contain an upper-case letter";
        }
        if (password.codePoints().noneMatch(Character::isDigit)) {
            return "must contain a digit";
        }
        if (password.codePoints().allMatch(Character::isLetterOrDigit)) {
            return "must contain a character that is neither a letter nor a digit";
        }
        if (zxcvbn.measure(password, userInputs(email, displayName)).getScore() < MIN_SCORE) {
            return "is too easy to guess";
        }
        return null;
    }

    private static List<String> userInputs(String email, String displayName) {
        List<String> inputs = new ArrayList<>();
        if (email != null) {
            String lower = email.toLowerCase(Locale.ROOT);
            inputs.add(lower);
            int at = lower.indexOf('@');
            if (at > 0) {
                inputs.add(lower.substring(0, at));
                inputs.add(lower.substring(at + 1));
            }
        }
        if (displayName != null) {
            inputs.add(displayName);
            inputs.addAll(List.of(displayName.toLowerCase(Locale.ROOT).split("\\s+")));
        }
        return inputs;
    }
}
