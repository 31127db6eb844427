package io.palisade.common.jwt;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a bearer token into an identity through {@link VerifiedTokens}, ahead of smallrye-jwt's own validator
 * (a higher priority; it is then never reached): a token seen before is answered on the event loop, only a new one goes to a worker.
 * The identity is built as smallrye-jwt builds it, and {@link TokenPolicy} then narrows it per request.
 */
@ApplicationScoped
public class RememberingTokenValidator implements IdentityProvider<TokenAuthenticationRequest> {

    private final VerifiedTokens tokens;

    RememberingTokenValidator(VerifiedTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Ahead of smallrye-jwt's validator, which Quarkus places just after {@code SYSTEM_FIRST}. */
    @Override
    public int priority() {
        return SYSTEM_FIRST + 100;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!(request.getToken() instanceof JsonWebTokenCredential)) {
            return Uni.createFrom().nullItem();
        }
        String token = request.getToken().getToken();
        VerifiedTokens.Verified seen = tokens.remembered(token);
        if (seen != null) {
            return Uni.createFrom().item(identity(seen, request));
        }
        return context.runBlocking(() -> {
            try {
                return identity(tokens.verify(token), request);
            } catch (ParseException e) {
                throw new AuthenticationFailedException(e);
            }
        });
    }

    /** Carries the verification as an attribute, so the policy reads neither typ nor sid from the token again. */
    private static SecurityIdentity identity(VerifiedTokens.Verified verified, TokenAuthenticationRequest request) {
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(verified.token())
                .addAttribute(TokenPolicy.VERIFIED_ATTRIBUTE, verified)
                .addCredential(request.getToken())
                .addRoles(verified.token().getGroups());
        RoutingContext routingContext = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routingContext != null) {
            identity.addAttribute(RoutingContext.class.getName(), routingContext);
        }
        return identity.build();
    }
}
