package io.palisade.user.avatar;

import io.palisade.common.jwt.Roles;
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
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Avatar upload (the caller's own) and download (owner or admin, via {@link OwnershipCheck}). */
@Path("/api/users")
@RolesAllowed({Roles.USER, Roles.ADMIN})
class AvatarResource {

    private final AvatarService avatars;
    private final JsonWebToken caller;

    AvatarResource(AvatarService avatars, JsonWebToken caller) {
        this.avatars = avatars;
        this.caller = caller;
    }

    @PUT
    @Path("/me/avatar")
    @Consumes({"image/png", "image/jpeg"})
    public Uni<Response> upload(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        ImageSanitizer.ImageType type = ImageSanitizer.ImageType.of(contentType.split(";")[0].strip());
        return avatars.replace(OwnershipCheck.parse(caller.getSubject()), type, body)
                .map(done -> Response.noContent().build());
    }

    @GET
    @Path("/{" + OwnershipCheck.ID_PARAMETER + "}/avatar")
    public Uni<Response> download(@PathParam(OwnershipCheck.ID_PARAMETER) String id) {
        return avatars.of(OwnershipCheck.parse(id)).map(avatar -> {
            String extension = avatar.contentType().equals("image/png") ? "png" : "jpg";
            return Response.ok(avatar.data(), avatar.contentType())
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Disposition", "inline; filename=\"avatar." + extension + "\"")
                    .header("Cache-Control", "private")
                    .build();
        });
    }
}
