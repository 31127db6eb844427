package io.palisade.common.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoControlCharsTest {

    private final NoControlCharsValidator validator = new NoControlCharsValidator();

    @Test
    void acceptsPrintableTextInAnyScript() {
        assertThat(validator.isValid("Zoë 山田 🙂", null)).isTrue();
        assertThat(validator.isValid(null, null)).isTrue();
    }

    @Test
    void refusesEveryControlCharacter() {
        for (String bad : new String[] {"a\nb", "a\u0000b", "tab\there", "a\u007Fb", "a\u0085b", "\u001B[31mred"}) {
            assertThat(validator.isValid(bad, null)).as(bad).isFalse();
        }
    }
}
