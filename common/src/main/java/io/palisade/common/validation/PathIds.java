package io.palisade.common.validation;

import io.palisade.common.problem.ProblemException;
import java.util.UUID;

/**
 * The one reading of an id in a path, in every service: a UUID in its canonical form, or a 400 naming the
 * parameter. Never a 404, which would look like a hidden object; never a lenient parse, which would let two
 * spellings name one object.
 */
public final class PathIds {

    private PathIds() {
    }

    public static UUID uuid(String value, String parameter) {
        if (value != null) {
            try {
                UUID parsed = UUID.fromString(value);
                if (parsed.toString().equalsIgnoreCase(value)) {
                    return parsed;
                }
            } catch (IllegalArgumentException e) {
                // not a UUID: the 400 below
            }
        }
        throw ProblemException.invalid(parameter, "must be a UUID");
    }
}
