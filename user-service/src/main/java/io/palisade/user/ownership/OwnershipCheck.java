package io.palisade.user.ownership;

import io.palisade.common.events.SecurityEvent;
import io.palisade.common.events.SecurityEvents;
import io.palisade.common.jwt.Roles;
import io.palisade.common.problem.Problem;
import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.palisade.common.problem.Problems;
import io.palisade.common.validation.PathIds;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The one place that decides object ownership (no BOLA). Every public route under {@code /api/users/} whose
 * path names a user id passes through here before its method runs: the caller must be that user or an
 * admin, otherwise the answer is 404, the same as for an id that does not exist, so nobody learns which
 * ids do. A new route with an {@code {id}} cannot forget the check: it is not opt-in.
 */
@ApplicationScoped
public class OwnershipCheck {

    public static final String ID_PARAMETER = "id";
    private static final String PUBLIC_PREFIX = "/api/users/";

    private final CurrentIdentityAssociation identities;
    private final SecurityEvents events;

    OwnershipCheck(CurrentIdentityAssociation identities, SecurityEvents events) {
        this.identities = identities;
        this.events = events;
    }

    /** Parses a path id; a malformed one is a 400, never a 404 that would look like a hidden object. */
    public static UUID parse(String id) {
        return PathIds.uuid(id, ID_PARAMETER);
    }

    @ServerRequestFilter
    public Uni<Response> requireOwnerOrAdmin(ContainerRequestContext request) {
        List<String> ids = request.getUriInfo().getPathParameters().get(ID_PARAMETER);
        if (ids == null || ids.isEmpty() || !request.getUriInfo().getPath().startsWith(PUBLIC_PREFIX)) {
            return Uni.createFrom().nullItem();
        }
        UUID target;
        try {
            target = parse(ids.get(0));
        } catch (ProblemException malformed) {
            return Uni.createFrom().item(Problems.response(Problems.of(malformed.kind(), malformed.getMessage(),
                    request.getUriInfo().getPath(), malformed.errors()), Map.of()));
        }
        return identities.getDeferredIdentity().map(identity -> decide(identity, target, request))
                .onFailure().recoverWithNull();
    }

    private Response decide(SecurityIdentity identity, UUID target, ContainerRequestContext request) {
        // Anonymous or unverifiable callers are left to the route's @RolesAllowed, which answers 401.
        if (identity.isAnonymous()) {
            return null;
        }
        if (identity.hasRole(Roles.ADMIN)
                || identity.getPrincipal() instanceof JsonWebToken token && target.toString().equals(token.getSubject())) {
            return null;
        }
        String caller = identity.getPrincipal() instanceof JsonWebToken token ? token.getSubject() : "unknown";
        events.record(SecurityEvent.AUTHORIZATION_DENIED, Map.of("route", "user-object", "accountId", caller));
        Problem problem = Problems.of(ProblemKind.NOT_FOUND, "No such user.", request.getUriInfo().getPath());
        return Problems.response(problem, Map.of());
    }
}
