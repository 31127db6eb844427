package io.palisade.user.avatar;

import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** An avatar's life: sanitised on a decode slot, stored for a user who exists, served to whoever may see it. */
@ApplicationScoped
class AvatarService {

    private final ImageSanitizer sanitizer;
    private final AvatarRepository avatars;

    AvatarService(ImageSanitizer sanitizer, AvatarRepository avatars) {
        this.sanitizer = sanitizer;
        this.avatars = avatars;
    }

    /** Replaces {@code owner}'s avatar with the re-encoded {@code upload}; a 404 when the user does not exist. */
    public Uni<Void> replace(UUID owner, ImageSanitizer.ImageType type, byte[] upload) {
        return sanitizer.sanitizeOffLoop(upload, type)
                .chain(clean -> avatars.store(owner, type.mediaType(), clean))
                .invoke(stored -> {
                    if (!stored) {
                        throw new ProblemException(ProblemKind.NOT_FOUND, "No such user.");
                    }
                })
                .replaceWithVoid();
    }

    /** {@code owner}'s avatar; a 404 when there is none. */
    public Uni<AvatarRepository.StoredAvatar> of(UUID owner) {
        return avatars.find(owner).invoke(avatar -> {
            if (avatar == null) {
                throw new ProblemException(ProblemKind.NOT_FOUND, "This user has no avatar.");
            }
        });
    }
}
