package io.palisade.common.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class NoControlCharsValidator implements ConstraintValidator<NoControlChars, CharSequence> {

    /** Whether {@code value} holds a character of Unicode category Cc. */
    public static boolean hasControlCharacter(CharSequence value) {
        return value.codePoints().anyMatch(cp -> Character.getType(cp) == Character.CONTROL);
    }

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        return value == null || !hasControlCharacter(value);
    }
}
