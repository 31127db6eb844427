package io.palisade.auth.mfa;

import io.palisade.common.jwt.Roles;
import io.palisade.auth.account.Account;
import io.palisade.auth.account.AccountRepository;
import io.palisade.auth.password.PasswordRequest;
import io.palisade.auth.password.StepUp;
import io.palisade.auth.revocation.RevocationReason;
import io.palisade.auth.revocation.Revocations;
import io.palisade.common.jwt.TokenPolicy;
import io.palisade.common.problem.ProblemException;
import io.palisade.common.problem.ProblemKind;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The caller's second factor: see it, enrol, confirm, remove. */
@Path("/api/auth/mfa")
@RolesAllowed({Roles.USER, Roles.ADMIN})
class MfaResource {

    private final SecondFactor secondFactor;
    private final AccountRepository accounts;
    private final StepUp stepUp;
    private final Revocations revocations;
    private final JsonWebToken caller;
    private final SecurityIdentity identity;

    MfaResource(SecondFactor secondFactor, AccountRepository accounts, StepUp stepUp, Revocations revocations,
            JsonWebToken caller, SecurityIdentity identity) {
        this.secondFactor = secondFactor;
        this.accounts = accounts;
        this.stepUp = stepUp;
        this.revocations = revocations;
        this.caller = caller;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Whether TOTP is on, and how many recovery codes are left")
    @APIResponse(responseCode = "200", description = "{totp, recoveryCodesLeft}")
    public Uni<SecondFactor.Status> status() {
        return secondFactor.status(callerId());
    }

    @POST
    @Path("/totp")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start enrolment with the current password: a new secret, pending until confirmed")
    @APIResponse(responseCode = "200", description = "{secret (base32, 160 bits), otpauthUri, qrCode (a PNG data URI)}")
    @APIResponse(responseCode = "403", description = "urn:palisade:problem:forbidden: a missing or wrong password (counted like a failed login)")
    @APIResponse(responseCode = "409", description = "urn:palisade:problem:conflict: a second factor is already on")
    @APIResponse(responseCode = "429", description = "urn:palisade:problem:too-many-requests: the session's login counter is full")
    public Uni<SecondFactor.Enrolment> enrol(PasswordRequest request) {
        UUID id = callerId();
        UUID current = TokenPolicy.sessionOf(identity);
        // A stolen access token alone must not put the thief's factor on the account: the owner could then no
        // longer sign in, and a password reset does not remove a factor.
        return liveAccount(id).chain(account -> secondFactor.enabled(id).chain(enabled -> {
                if (enabled) {
                    throw new ProblemException(ProblemKind.CONFLICT, "A second factor is already on.");
                }
                return stepUp.verify(account, current, request == null ? null : request.password(), null);
            }).chain(() -> secondFactor.start(id, account.email())));
    }

    @POST
    @Path("/totp/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Turn TOTP on with a first correct code; the recovery codes are shown this once")
    @APIResponse(responseCode = "200", description = "{recoveryCodes: 10 codes}")
    @APIResponse(responseCode = "403", description = "urn:palisade:problem:forbidden: the code is wrong")
    @APIResponse(responseCode = "409", description = "urn:palisade:problem:conflict: nothing is waiting for confirmation")
    public Uni<SecondFactor.RecoveryCodeList> confirm(@Valid @NotNull CodeRequest request) {
        return secondFactor.confirm(callerId(), request.code());
    }

    @DELETE
    @Path("/totp")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Turn TOTP off with the password and a current code; every other session ends")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = "urn:palisade:problem:forbidden: a wrong password or code (counted like a failed login)")
    @APIResponse(responseCode = "404", description = "urn:palisade:problem:not-found: no second factor is on")
    @APIResponse(responseCode = "429", description = "urn:palisade:problem:too-many-requests: the account's login counter is full")
    public Uni<Response> remove(@Valid @NotNull TotpRemovalRequest request) {
        UUID id = callerId();
        UUID current = TokenPolicy.sessionOf(identity);
        return liveAccount(id).chain(account -> secondFactor.enabled(id).chain(enabled -> {
                    if (!enabled) {
                        throw new ProblemException(ProblemKind.NOT_FOUND, "No second factor is enabled.");
                    }
                    return stepUp.verify(account, current, request.password(), request.code());
                }))
                .chain(() -> secondFactor.remove(id))
                .chain(() -> revocations.account(id, current, RevocationReason.MFA_REMOVED))
                .map(ended -> Response.noContent().build());
    }

    /** The caller's account; an account deleted since the token was minted has no live session. */
    private Uni<Account> liveAccount(UUID id) {
        return accounts.findById(id).map(account -> {
            if (account == null) {
                throw new ProblemException(ProblemKind.UNAUTHENTICATED, "No live session: log in again.");
            }
            return account;
        });
    }

    private UUID callerId() {
        return UUID.fromString(caller.getSubject());
    }
}
