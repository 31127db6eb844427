package io.palisade.auth.internal;

import io.palisade.auth.account.AccountRepository;
import io.palisade.auth.revocation.RevocationReason;
import io.palisade.auth.revocation.Revocations;
import io.palisade.common.events.SecurityEvent;
import io.palisade.common.events.SecurityEvents;
import io.palisade.common.jwt.Roles;
import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.palisade.common.validation.PathIds;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Called by user-service when an account is deleted, with the caller's own access token passed through, so
 * user-service holds no key of its own: the owner or an admin may delete. Credentials, every refresh family
 * and every device go in one statement (ON DELETE CASCADE). Idempotent: an account already gone is a 204.
 */
@Path("/internal/accounts")
@RolesAllowed({Roles.USER, Roles.ADMIN})
class AccountDeletionResource {

    private final AccountRepository accounts;
    private final Revocations revocations;
    private final JsonWebToken caller;
    private final SecurityIdentity identity;
    private final SecurityEvents events;

    AccountDeletionResource(AccountRepository accounts, Revocations revocations, JsonWebToken caller,
            SecurityIdentity identity, SecurityEvents events) {
        this.accounts = accounts;
        this.revocations = revocations;
        this.caller = caller;
        this.identity = identity;
        this.events = events;
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") String path) {
        UUID id = PathIds.uuid(path, "id");
        // The roles the token policy granted, not the raw groups claim: a service token claiming admin is none.
        boolean admin = identity.hasRole(Roles.ADMIN);
        if (!admin && !id.toString().equals(caller.getSubject())) {
            events.record(SecurityEvent.AUTHORIZATION_DENIED, Map.of("route", "delete-account"));
            throw new ProblemException(ProblemKind.FORBIDDEN, "Only the account's owner or an admin may delete it.");
        }
        // Sessions are revoked (and published) before the account goes: their rows leave with it.
        return revocations.account(id, null, RevocationReason.DELETION).chain(() -> accounts.delete(id)).map(deleted -> {
            if (deleted) {
                events.record(SecurityEvent.ACCOUNT_DELETED, Map.of("accountId", id.toString()));
                if (admin && !id.toString().equals(caller.getSubject())) {
                    events.record(SecurityEvent.ADMIN_ACTION, Map.of("action", "delete-account",
                            "accountId", id.toString(), "adminId", caller.getSubject()));
                }
            }
            return Response.noContent().build();
        });
    }
}
