package io.palisade.user.profile;

import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The door to profiles for every route, here and in other features: one that does not exist is a 404,
 * whichever route asked.
 */
@ApplicationScoped
public class ProfileService {

    private final ProfileRepository profiles;

    ProfileService(ProfileRepository profiles) {
        this.profiles = profiles;
    }

    public Uni<Profile> get(UUID id) {
        return profiles.find(id).map(ProfileService::found);
    }

    public Uni<Profile> patch(UUID id, ProfilePatch patch) {
        return profiles.update(id, patch).map(ProfileService::found);
    }

    public Uni<ProfilePage> page(int page, int size) {
        return profiles.count().chain(total -> profiles.page(page, size)
                .map(items -> new ProfilePage(items, page, size, total)));
    }

    /** Creates the profile of a new account, or brings its email and display name in line: idempotent. */
    public Uni<Void> provision(UUID id, String email, String displayName) {
        return profiles.upsert(id, email, displayName);
    }

    /** The profile follows its account's email once auth-service has confirmed the new address. */
    public Uni<Void> moveEmail(UUID id, String email) {
        return profiles.updateEmail(id, email).map(updated -> {
            if (!updated) {
                throw new ProblemException(ProblemKind.NOT_FOUND, "No such user.");
            }
            return null;
        });
    }

    /** Removes the profile; false when there was none. */
    public Uni<Boolean> delete(UUID id) {
        return profiles.delete(id);
    }

    private static Profile found(Profile profile) {
        if (profile == null) {
            throw new ProblemException(ProblemKind.NOT_FOUND, "No such user.");
        }
        return profile;
    }
}
