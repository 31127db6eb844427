package io.palisade.common.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisplayNameTest {

    @Test
    void oneToAHundredCharactersCountedAsCodePoints() {
        assertThat(DisplayNameValidator.problemWith("A")).isNull();
        assertThat(DisplayNameValidator.problemWith("\uD83D\uDE00".repeat(100))).as("100 emoji").isNull();
        assertThat(DisplayNameValidator.problemWith("x".repeat(101))).isNotNull();
        assertThat(DisplayNameValidator.problemWith("")).isNotNull();
        assertThat(DisplayNameValidator.problemWith(null)).isNotNull();
    }

    @Test
    void noControlCharacters() {
        assertThat(DisplayNameValidator.problemWith("Ada\u0000Lovelace")).contains("control");
        assertThat(DisplayNameValidator.problemWith("Ada\u009bLovelace")).contains("control");
        assertThat(DisplayNameValidator.problemWith("Ada Lovelace")).isNull();
    }
}
