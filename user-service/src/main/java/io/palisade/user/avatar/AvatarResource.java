package io.palisade.user.avatar;

import io.palisade.common.jwt.TokenPolicy;
import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.palisade.user.ownership.OwnershipCheck;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Avatar upload (the caller's own) and download (owner or admin, via {@link OwnershipCheck}). */
@Path("/api/users")
@RolesAllowed({TokenPolicy.ROLE_USER, TokenPolicy.ROLE_ADMIN})
public class AvatarResource {

    private final ImageSanitizer sanitizer;
    private final AvatarRepository avatars;
    private final JsonWebToken caller;

    AvatarResource(ImageSanitizer sanitizer, AvatarRepository avatars, JsonWebToken caller) {
        this.sanitizer = sanitizer;
        this.avatars = avatars;
        this.caller = caller;
    }

    @PUT
    @Path("/me/avatar")
    @Consumes({"image/png", "image/jpeg"})
    public Uni<Response> upload(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        ImageSanitizer.ImageType type = ImageSanitizer.ImageType.of(contentType.split(";")[0].strip());
        UUID owner = OwnershipCheck.parse(caller.getSubject());
        return sanitizer.sanitizeOffLoop(body, type)
                .chain(clean -> avatars.store(owner, type.mediaType(), clean))
                .map(stored -> {
                    if (!stored) {
                        throw new ProblemException(ProblemKind.NOT_FOUND, "No such user.");
                    }
                    return Response.noContent().build();
                });
    }

    @GET
    @Path("/{" + OwnershipCheck.ID_PARAMETER + "}/avatar")
    public Uni<Response> download(@PathParam(OwnershipCheck.ID_PARAMETER) String id) {
        return avatars.find(OwnershipCheck.parse(id)).map(avatar -> {
            if (avatar == null) {
                throw new ProblemException(ProblemKind.NOT_FOUND, "This user has no avatar.");
            }
            String extension = avatar.contentType().equals("image/png") ? "png" : "jpg";
            return Response.ok(avatar.data(), avatar.contentType())
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Disposition", "inline; filename=\"avatar." + extension + "\"")
                    .header("Cache-Control", "private")
                    .build();
        });
    }
}
