package io.palisade.auth.session;

import io.palisade.common.jwt.Roles;
import io.palisade.common.jwt.TokenPolicy;
import io.palisade.common.validation.PathIds;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The caller's own sessions: list them, end one, end them all ("log out everywhere"). */
@Path("/api/auth/sessions")
@RolesAllowed({Roles.USER, Roles.ADMIN})
class SessionsResource {

    private final Sessions sessions;
    private final SessionCookies cookies;
    private final JsonWebToken caller;
    private final SecurityIdentity identity;

    SessionsResource(Sessions sessions, SessionCookies cookies, JsonWebToken caller, SecurityIdentity identity) {
        this.sessions = sessions;
        this.cookies = cookies;
        this.caller = caller;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller's live sessions, most recently used first")
    @APIResponse(responseCode = "200", description = "The sessions; current marks the one of the presented token")
    @APIResponse(responseCode = "401", description = "urn:palisade:problem:unauthenticated")
    public Uni<SessionList> list() {
        return sessions.list(callerId(), TokenPolicy.sessionOf(identity));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "End one of the caller's sessions; its tokens are refused everywhere within 2 s")
    @APIResponse(responseCode = "204", description = "Ended")
    @APIResponse(responseCode = "400", description = "urn:palisade:problem:validation: the id is not a UUID")
    @APIResponse(responseCode = "401", description = "urn:palisade:problem:unauthenticated")
    @APIResponse(responseCode = "404", description = "urn:palisade:problem:not-found: not a live session of the caller")
    public Uni<Response> end(@PathParam("id") String id) {
        return sessions.end(callerId(), PathIds.uuid(id, "id")).map(done -> Response.noContent().build());
    }

    @DELETE
    @Operation(summary = "End every session of the caller, this one included, and clear the session cookies")
    @APIResponse(responseCode = "204", description = "Ended")
    @APIResponse(responseCode = "401", description = "urn:palisade:problem:unauthenticated")
    public Uni<Response> endAll() {
        return sessions.endAll(callerId()).map(done -> Response.noContent()
                .header(HttpHeaders.SET_COOKIE, cookies.clearRefresh())
                .header(HttpHeaders.SET_COOKIE, cookies.clearCsrf())
                .build());
    }

    private UUID callerId() {
        return UUID.fromString(caller.getSubject());
    }

}
