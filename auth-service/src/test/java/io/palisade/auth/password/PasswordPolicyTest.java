package io.palisade.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import com.nulabinc.zxcvbn.Zxcvbn;
import org.junit.jupiter.api.Test;

/**
 * API.md's password rules as ASVS 5.0 and NIST SP 800-63B have them: length in code points, strength, the list
 * of common passwords, and no composition rule at all.
 */
class PasswordPolicyTest {

    private static final String EMAIL = "river.keeper@palisade.test";
    private static final String NAME = "River Keeper";

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void anyCompositionPassesWhenItIsStrongEnough() {
        assertThat(policy.firstProblem("lantern quay sextant harbour", EMAIL, NAME)).as("lower-case words").isNull();
        assertThat(policy.firstProblem("żółty kaczor pływa w stawie", EMAIL, NAME)).as("any Unicode").isNull();
        assertThat(policy.firstProblem("harbourlanternquaysextant", EMAIL, NAME)).as("letters only").isNull();
    }

    @Test
    void lengthIsCountedInCodePoints() {
        String twelveFaces = "\uD83D\uDE00".repeat(12);
        assertThat(policy.firstProblem(twelveFaces.substring(2), EMAIL, NAME)).isEqualTo("must be 12 to 128 characters");
        assertThat(policy.firstProblem(twelveFaces, EMAIL, NAME)).isNotEqualTo("must be 12 to 128 characters");
        assertThat(policy.firstProblem("\uD83D\uDE00".repeat(129), EMAIL, NAME)).isEqualTo("must be 12 to 128 characters");
    }

    @Test
    void guessableOnesAndTheUsersOwnDetailsFail() {
        assertThat(policy.firstProblem("Password123!", EMAIL, NAME)).isEqualTo("is too easy to guess");
        assertThat(policy.firstProblem("River.Keeper2026", EMAIL, NAME)).isEqualTo("is too easy to guess");
    }

    @Test
    void aCommonPasswordFailsInAnyCaseEvenWhereZxcvbnWouldPassIt() {
        String common = "QaZwSxEdCrFvTgB";
        // zxcvbn alone scores this spelling 3: the bundled list is what refuses it.
        assertThat(new Zxcvbn().measure(common).getScore()).isGreaterThanOrEqualTo(PasswordPolicy.MIN_SCORE);
        assertThat(policy.firstProblem(common, EMAIL, NAME)).isEqualTo("is one of the most common passwords");
    }
}
