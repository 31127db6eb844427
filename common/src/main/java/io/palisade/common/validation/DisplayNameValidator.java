package io.palisade.common.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** The one implementation of {@link DisplayName}, also called directly where a body is read by hand. */
public class DisplayNameValidator implements ConstraintValidator<DisplayName, String> {

    public static final int MAX_LENGTH = 100;

    /** What is wrong with {@code trimmed} as a display name, or null when nothing is. */
    public static String problemWith(String trimmed) {
        if (trimmed == null || trimmed.isEmpty() || trimmed.codePointCount(0, trimmed.length()) > MAX_LENGTH) {
            return "must be 1 to " + MAX_LENGTH + " characters";
        }
        if (NoControlCharsValidator.hasControlCharacter(trimmed)) {
            return "must not contain control characters";
        }
        return null;
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        String problem = problemWith(value);
        if (problem == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
        return false;
    }
}
