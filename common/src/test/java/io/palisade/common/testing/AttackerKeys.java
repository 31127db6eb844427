package io.palisade.common.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * The attacker's side of a key-injection forgery: a real HTTP server on loopback that serves the attacker's
 * public key, both as a JWKS ({@code jku}) and as anything else ({@code x5u}), and counts every request. A
 * verifier that ever follows a token's own key reference shows up in {@link #requests()}.
 */
public final class AttackerKeys {

    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static HttpServer server;

    private AttackerKeys() {
    }

    /** How many requests reached the attacker's server so far. */
    public static int requests() {
        return REQUESTS.get();
    }

    /** The attacker's server's URL for {@code path}, starting the server on first use. */
    public static synchronized String url(String path) {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            byte[] jwks = new JsonWebKeySet(jwk()).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)
                    .getBytes(StandardCharsets.UTF_8);
            server.createContext("/", exchange -> {
                REQUESTS.incrementAndGet();
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
            });
            server.setExecutor(null);
            server.start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The attacker's public key as a JWK, for the {@code jwk} header. */
    public static Map<String, Object> publicJwk() {
        return jwk().toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static PublicJsonWebKey jwk() {
        try {
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) TestTokens.attackerKey();
            PublicKey publicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(publicKey);
            jwk.setKeyId(TestTokens.KID);
            return jwk;
        } catch (JoseException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
