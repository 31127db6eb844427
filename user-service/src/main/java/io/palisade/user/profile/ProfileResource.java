package io.palisade.user.profile;

import io.palisade.common.jwt.Roles;
import com.fasterxml.jackson.databind.JsonNode;
import io.palisade.common.problem.ProblemException;
import io.palisade.user.ownership.OwnershipCheck;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Profiles. Every route taking an {@code {id}} is guarded by {@link OwnershipCheck} before it runs. Deleting one is an
 * account's deletion: {@code account.AccountResource}. */
@Path("/api/users")
@RolesAllowed({Roles.USER, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
class ProfileResource {

    private final ProfileService profiles;
    private final JsonWebToken caller;

    ProfileResource(ProfileService profiles, JsonWebToken caller) {
        this.profiles = profiles;
        this.caller = caller;
    }

    @GET
    @Path("/me")
    public Uni<Profile> me() {
        return profiles.get(callerId());
    }

    @PATCH
    @Path("/me")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Profile> patch(@NotNull JsonNode body) {
        ProfilePatch patch = ProfilePatch.from(body);
        return profiles.patch(callerId(), patch);
    }

    @GET
    @Path("/{" + OwnershipCheck.ID_PARAMETER + "}")
    public Uni<Profile> byId(@PathParam(OwnershipCheck.ID_PARAMETER) String id) {
        return profiles.get(OwnershipCheck.parse(id));
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    public Uni<ProfilePage> list(@QueryParam("page") @DefaultValue("0") String page,
            @QueryParam("size") @DefaultValue("20") String size) {
        // Parsed here, not by JAX-RS, whose conversion failure on a query parameter would be a 404.
        int pageNumber = bounded("page", page, 0, Integer.MAX_VALUE / 100);
        int pageSize = bounded("size", size, 1, 100);
        return profiles.page(pageNumber, pageSize);
    }

    private static int bounded(String name, String value, int min, int max) {
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // falls through to the 400 below
        }
        throw ProblemException.invalid(name, "must be a whole number from " + min + " to " + max);
    }

    private UUID callerId() {
        return OwnershipCheck.parse(caller.getSubject());
    }
}
