package io.palisade.auth.password;

import com.nulabinc.zxcvbn.Zxcvbn;
import io.palisade.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * API.md's password rules, as OWASP ASVS 5.0 (6.2) and NIST SP 800-63B ask: 12 to 128 code points of anything
 * (no composition rule: those push users to {@code Password1!}), a zxcvbn score of at least 3 given the user's
 * own email and display name, so that variations of one's own address fail, and not one of the 10,000 most
 * common passwords (compared case-insensitively). zxcvbn costs real CPU on long inputs, so the check runs on
 * the bounded default worker pool, never on the caller's event loop.
 */
@ApplicationScoped
public class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;
    static final int MIN_SCORE = 3;

    /** The 10,000 most common passwords, most common first (source and licence: auth-service/README.md). */
    static final String COMMON_PASSWORDS = "common-passwords.txt";

    private final Zxcvbn zxcvbn = new Zxcvbn();
    private final Set<String> common = load(COMMON_PASSWORDS);

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
        if (common.contains(password.toLowerCase(Locale.ROOT))) {
            return "is one of the most common passwords";
        }
        if (zxcvbn.measure(password, userInputs(email, displayName)).getScore() < MIN_SCORE) {
            return "is too easy to guess";
        }
        return null;
    }

    private static Set<String> load(String resource) {
        try (InputStream in = PasswordPolicy.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return lines.lines().map(String::strip).filter(line -> !line.isEmpty())
                        .map(line -> line.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource, e);
        }
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
