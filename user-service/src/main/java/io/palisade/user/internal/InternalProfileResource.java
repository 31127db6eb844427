package io.palisade.user.internal;

import io.palisade.common.jwt.Roles;
import io.palisade.common.validation.DisplayName;
import io.palisade.user.ownership.OwnershipCheck;
import io.palisade.user.profile.ProfileService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Profile creation at registration, and the profile's email after a confirmed email change: service tokens
 * addressed to user-service only (a user token is a 403).
 */
@Path("/internal/profiles")
@RolesAllowed(Roles.SERVICE)
class InternalProfileResource {

    public record ProfileRequest(@NotBlank @Email @Size(max = 254) String email,
            @DisplayName String displayName) {

        public ProfileRequest {
            displayName = displayName == null ? null : displayName.strip();
        }
    }

    public record EmailRequest(@NotBlank @Email @Size(max = 254) String email) {
    }

    private final ProfileService profiles;

    InternalProfileResource(ProfileService profiles) {
        this.profiles = profiles;
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> put(@PathParam("id") String id, @Valid @NotNull ProfileRequest profile) {
        return profiles.provision(OwnershipCheck.parse(id), profile.email(), profile.displayName())
                .map(done -> Response.noContent().build());
    }

    @PUT
    @Path("/{id}/email")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> moveEmail(@PathParam("id") String id, @Valid @NotNull EmailRequest request) {
        return profiles.moveEmail(OwnershipCheck.parse(id), request.email()).map(done -> Response.noContent().build());
    }
}
