package io.palisade.common.jwt;

import io.palisade.common.logging.AccessLog;
import io.palisade.common.revocation.RevokedSessions;
import io.palisade.common.tracing.Traces;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What smallrye-jwt does not check, checked once for every service: the {@code typ} header (RFC 9068),
 * whether the session that minted the token was revoked ({@code sid}, from this process's copy), and which
 * roles a token may exercise given its audience. A user token never acts as a service, and a
 * service token never acts as a user, whatever {@code groups} it claims.
 */
@ApplicationScoped
public class TokenPolicy implements SecurityIdentityAugmentor {

    public static final String ACCESS_TOKEN_TYPE = "at+jwt";

    private static final Set<String> SERVICE_ROLES = Set.of(Roles.SERVICE);

    public static final String SESSION_CLAIM = "sid";

    /**
     * Identity attribute with the {@link VerifiedTokens.Verified} that {@link RememberingTokenValidator} built the
     * identity from: its typ verdict and session id, read once per token. An identity without it has both read
     * from the token here.
     */
    static final String VERIFIED_ATTRIBUTE = "palisade.verified-token";
    /** Identity attribute with the accepted token's session id, as this policy read it for the revocation check. */
    private static final String SESSION_ATTRIBUTE = "palisade.session-id";

    private final JwtConfig config;
    private final RevokedSessions revoked;

    TokenPolicy(JwtConfig config, RevokedSessions revoked) {
        this.config = config;
        this.revoked = revoked;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return augment(identity, context, Map.of());
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context,
            Map<String, Object> attributes) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        VerifiedTokens.Verified verified = identity.getAttribute(VERIFIED_ATTRIBUTE) instanceof VerifiedTokens.Verified known
                ? known : null;
        boolean accessToken = verified != null ? verified.accessToken() : isAccessToken(token.getRawToken());
        if (!accessToken) {
            return Uni.createFrom().failure(new AuthenticationFailedException("token typ is not at+jwt"));
        }
        String sessionId = verified != null ? verified.sessionId() : token.getClaim(SESSION_CLAIM);
        if (revoked.isRevoked(sessionId)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the token's session was revoked"));
        }
        Set<String> allowed = allowedRoles(token.getAudience());
        if (allowed.isEmpty() || token.getSubject() == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("token audience or subject unusable"));
        }
        RoutingContext routingContext = HttpSecurityUtils.getRoutingContextAttribute(attributes);
        if (routingContext != null) {
            routingContext.put(AccessLog.SUBJECT, token.getSubject());
            Traces.tag(Traces.ACCOUNT_ID, token.getSubject());
        }
        Set<String> roles = identity.getRoles().stream().filter(allowed::contains).collect(Collectors.toSet());
        QuarkusSecurityIdentity.Builder accepted = QuarkusSecurityIdentity.builder()
                .setPrincipal(token)
                .addRoles(roles)
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes());
        if (sessionId != null) {
            accepted.addAttribute(SESSION_ATTRIBUTE, sessionId);
        }
        return Uni.createFrom().item(accepted.build());
    }

    /**
     * The session of the token {@code identity} was accepted with, or null for a token without a well-formed one.
     * Resources read it here: {@code JsonWebToken.getClaim("sid")} throws and catches inside smallrye-jwt on every
     * call, for a claim outside MicroProfile's {@code Claims} enum.
     */
    public static UUID sessionOf(SecurityIdentity identity) {
        String sessionId = identity.getAttribute(SESSION_ATTRIBUTE);
        try {
            return sessionId == null ? null : UUID.fromString(sessionId);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    /**
     * Whether a token addressed to {@code audience} acts as a user: its audience, never its {@code groups},
     * decides, here and at the gateway's edge alike.
     */
    public static boolean actsAsUser(Set<String> audience, String userAudience) {
        return audience != null && audience.contains(userAudience);
    }

    private Set<String> allowedRoles(Set<String> audience) {
        if (audience == null) {
            return Set.of();
        }
        if (actsAsUser(audience, config.audience())) {
            return Roles.OF_USERS;
        }
        if (config.serviceAudience().map(audience::contains).orElse(false)) {
            return SERVICE_ROLES;
        }
        return Set.of();
    }

    /** Whether a compact JWS declares itself an access token ({@code typ: at+jwt}), for verifiers outside JAX-RS. */
    public static boolean isAccessToken(String compactToken) {
        return ACCESS_TOKEN_TYPE.equals(headerType(compactToken));
    }

    /** The {@code typ} of a compact JWS; null when it cannot be read, which then fails the check. */
    static String headerType(String compactToken) {
        if (compactToken == null) {
            return null;
        }
        int dot = compactToken.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            byte[] header = Base64.getUrlDecoder().decode(compactToken.substring(0, dot));
            Object typ = new JsonObject(new String(header, StandardCharsets.UTF_8)).getValue("typ");
            return typ instanceof String s ? s : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
