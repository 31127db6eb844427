package io.palisade.user.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.palisade.common.problem.ProblemException;
import io.palisade.common.validation.DisplayNameValidator;
import io.palisade.common.validation.NoControlCharsValidator;
import java.util.Iterator;
import java.util.Set;

/**
 * A validated {@code PATCH /api/users/me} body. Read from the JSON tree because a patch must tell an absent
 * field (unchanged) from an explicit null ({@code bio} cleared; {@code displayName} refused). Only
 * {@code displayName} and {@code bio} exist: any other field is a 400, so nothing can be mass-assigned.
 *
 * @param displayName the new display name, or null to keep it
 * @param bioSet whether the patch sets the bio at all
 * @param bio the new bio, null to clear it
 */
record ProfilePatch(String displayName, boolean bioSet, String bio) {

    static final int MAX_BIO = 500;
    private static final Set<String> FIELDS = Set.of("displayName", "bio");

    public static ProfilePatch from(JsonNode body) {
        if (!(body instanceof ObjectNode object)) {
            throw ProblemException.invalid("", "the body must be a JSON object");
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ProblemException.invalid(name, "unknown field");
            }
        }
        String displayName = null;
        if (object.has("displayName")) {
            JsonNode value = object.get("displayName");
            if (!value.isTextual()) {
                throw ProblemException.invalid("displayName", "must be a string");
            }
            displayName = value.textValue().strip();
            String problem = DisplayNameValidator.problemWith(displayName);
            if (problem != null) {
                throw ProblemException.invalid("displayName", problem);
            }
        }
        String bio = null;
        boolean bioSet = object.has("bio");
        if (bioSet) {
            JsonNode value = object.get("bio");
            if (!value.isNull() && !value.isTextual()) {
                throw ProblemException.invalid("bio", "must be a string or null");
            }
            bio = value.isNull() ? null : value.textValue().strip();
            if (bio != null && bio.codePointCount(0, bio.length()) > MAX_BIO) {
                throw ProblemException.invalid("bio", "must be at most " + MAX_BIO + " characters");
            }
            if (bio != null) {
                if (NoControlCharsValidator.hasControlCharacter(bio)) {
                    throw ProblemException.invalid("bio", "must not contain control characters");
                }
            }
            if (bio != null && bio.isEmpty()) {
                bio = null;
            }
        }
        return new ProfilePatch(displayName, bioSet, bio);
    }
}
