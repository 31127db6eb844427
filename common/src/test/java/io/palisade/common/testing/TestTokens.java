package io.palisade.common.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Mints access tokens for tests with the test-only keys under {@code testkeys/} (never used outside tests).
 * Every builder starts from a token the suite accepts; each attack test then changes exactly one property.
 *
 * <p>Services under test trust {@code testkeys/jwks.json} (kid {@link #KID}) as their JWKS.
 */
public final class TestTokens {

    /** RFC 7638 thumbprint of {@code testkeys/signing-key.pem}. */
    public static final String KID = "Zl-dvsYKXGletFpyhV1M-pbjOEf_XfbuyrEloQbeAyM";
    /** RFC 7638 thumbprint of {@code testkeys/next-key.pem}, published only by {@code jwks-with-next}. */
    public static final String NEXT_KID = "RcojOLb-8G_57S7YvZlpQQLH7QQAOLX70-BcmVlgKG4";

    public static final String ISSUER = "palisade";
    public static final String AUDIENCE = "palisade-api";

    private TestTokens() {
    }

    public static Builder user(UUID sub) {
        return new Builder().subject(sub.toString()).groups("user");
    }

    public static Builder admin(UUID sub) {
        return new Builder().subject(sub.toString()).groups("user", "admin");
    }

    /** A service token as auth-service mints it for {@code audience}. */
    public static Builder service(String audience) {
        return new Builder().subject("auth-service").audience(audience).groups("service")
                .lifetime(Duration.ofSeconds(60));
    }

    /**
     * The forged-token catalogue every verifier is tested against: each entry breaks exactly one property of
     * a user token for {@code subject} that is otherwise accepted.
     */
    public static java.util.Map<String, String> forgeries(UUID subject) {
        java.util.Map<String, String> forged = new java.util.LinkedHashMap<>();
        forged.put("alg none", user(subject).unsigned().sign());
        forged.put("HS256 signed with the public key", user(subject).hmacWithPublicKey().sign());
        forged.put("tampered payload", user(subject).signTampered());
        forged.put("wrong issuer", user(subject).issuer("https://evil.example").sign());
        forged.put("wrong audience", user(subject).audience("another-api").sign());
        forged.put("typ JWT", user(subject).typ("JWT").sign());
        forged.put("no typ", user(subject).typ(null).sign());
        forged.put("unknown kid", user(subject).kid("no-such-key").sign());
        forged.put("expired", user(subject).issuedAt(Instant.now().minus(Duration.ofMinutes(20))).sign());
        forged.put("not yet valid", user(subject).notBefore(Instant.now().plus(Duration.ofMinutes(10))).sign());
        forged.put("signed by another key", user(subject).signedWith(attackerKey()).sign());
        forged.put("another key announced in jku", user(subject).signedWith(attackerKey())
                .header("jku", AttackerKeys.url("/jwks.json")).sign());
        forged.put("another key announced in x5u", user(subject).signedWith(attackerKey())
                .header("x5u", AttackerKeys.url("/cert.pem")).sign());
        forged.put("another key embedded in jwk", user(subject).signedWith(attackerKey())
                .header("jwk", AttackerKeys.publicJwk()).sign());
        return forged;
    }

    public static PrivateKey signingKey() {
        return privateKey("testkeys/signing-key.pem");
    }

    public static PrivateKey attackerKey() {
        return privateKey("testkeys/attacker-key.pem");
    }

    public static PrivateKey nextKey() {
        return privateKey("testkeys/next-key.pem");
    }

    public static PublicKey signingPublicKey() {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(pem("testkeys/signing-key.pub.pem")));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The classpath text of a test resource, e.g. the PEM of the public key for an HS256 forgery. */
    public static String resource(String name) {
        try (InputStream in = TestTokens.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey(String name) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pem(name)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] pem(String name) {
        String body = resource(name).replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    /** A token under construction. Defaults: valid now for 15 minutes, RS256 with the test key, typ at+jwt. */
    public static final class Builder {
        private String subject = UUID.randomUUID().toString();
        private String issuer = ISSUER;
        private String audience = AUDIENCE;
        private List<String> groups = List.of("user");
        private String typ = "at+jwt";
        private String kid = KID;
        private String algorithm = AlgorithmIdentifiers.RSA_USING_SHA256;
        private Key key = signingKey();
        private Instant issuedAt = Instant.now();
        private Duration lifetime = Duration.ofMinutes(15);
        private Instant notBefore;
        private String extraHeader;
        private Object extraHeaderValue;
        private String sessionId;

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /** The {@code sid} claim: the session that minted the token. */
        public Builder session(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        public Builder groups(String... groups) {
            this.groups = List.of(groups);
            return this;
        }

        /** The {@code typ} header; null leaves it out. */
        public Builder typ(String typ) {
            this.typ = typ;
            return this;
        }

        /** The {@code kid} header; null leaves it out. */
        public Builder kid(String kid) {
            this.kid = kid;
            return this;
        }

        public Builder issuedAt(Instant issuedAt) {
            this.issuedAt = issuedAt;
            return this;
        }

        public Builder lifetime(Duration lifetime) {
            this.lifetime = lifetime;
            return this;
        }

        public Builder notBefore(Instant notBefore) {
            this.notBefore = notBefore;
            return this;
        }

        /** Signs with another RSA key under RS256 (an attacker's, or the next rotation key). */
        public Builder signedWith(PrivateKey other) {
            this.algorithm = AlgorithmIdentifiers.RSA_USING_SHA256;
            this.key = other;
            return this;
        }

        /** The classic confusion attack: HS256 with the verifier's public key bytes as the HMAC secret. */
        public Builder hmacWithPublicKey() {
            this.algorithm = AlgorithmIdentifiers.HMAC_SHA256;
            this.key = new HmacKey(resource("testkeys/signing-key.pub.pem").getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        /** An unsigned token ({@code alg: none}). */
        public Builder unsigned() {
            this.algorithm = AlgorithmIdentifiers.NONE;
            this.key = null;
            return this;
        }

        /** Adds a header such as {@code jku}, {@code x5u} or {@code jwk} that verifiers must ignore. */
        public Builder header(String name, Object value) {
            this.extraHeader = name;
            this.extraHeaderValue = value;
            return this;
        }

        public String sign() {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(issuer);
            if (audience != null) {
                claims.setAudience(audience);
            }
            claims.setSubject(subject);
            claims.setStringListClaim("groups", groups);
            claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
            claims.setExpirationTime(NumericDate.fromSeconds(issuedAt.plus(lifetime).getEpochSecond()));
            if (notBefore != null) {
                claims.setNotBefore(NumericDate.fromSeconds(notBefore.getEpochSecond()));
            }
            claims.setJwtId(UUID.randomUUID().toString());
            if (sessionId != null) {
                claims.setStringClaim("sid", sessionId);
            }
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue(algorithm);
            if (typ != null) {
                jws.setHeader("typ", typ);
            }
            if (kid != null) {
                jws.setKeyIdHeaderValue(kid);
            }
            if (extraHeader != null) {
                jws.getHeaders().setObjectHeaderValue(extraHeader, extraHeaderValue);
            }
            if (key == null) {
                jws.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
            } else {
                jws.setKey(key);
                jws.setDoKeyValidation(false);
            }
            try {
                return jws.getCompactSerialization();
            } catch (JoseException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The signed token with one payload character changed after signing. */
        public String signTampered() {
            String token = sign();
            String[] parts = token.split("\\.");
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                    .replace("\"groups\":[\"user\"]", "\"groups\":[\"user\",\"admin\"]");
            return parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        }
    }
}
