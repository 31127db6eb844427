package io.palisade.gateway.https;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.palisade.common.testing.TestTokens;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The prod HTTPS policy behind a trusted proxy: HSTS everywhere, 308 to https for plain-http requests. */
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
@TestProfile(ProdHttpsPolicyTest.BehindTrustedProxy.class)
class ProdHttpsPolicyTest {

    public static class BehindTrustedProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("palisade.gateway.https.enforce", "true", "palisade.gateway.trusted-proxies", "127.0.0.1/32",
                    "palisade.gateway.rate-limit.enabled", "false");
        }
    }

    @Test
    void plainHttpAtTheIngressIsRedirectedTo308Https() {
        given().redirects().follow(false).header("X-Forwarded-Proto", "http").header("Host", "api.palisade.test")
                .get("/api/users/me?x=1").then().statusCode(308)
                .header("Location", "https://api.palisade.test/api/users/me?x=1")
                .header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }

    @Test
    void httpsAtTheIngressIsServedWithHsts() {
        given().auth().oauth2(TestTokens.user(UUID.randomUUID()).sign()).header("X-Forwarded-Proto", "https")
                .get("/api/users/me").then().statusCode(200)
                .header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }

    @Test
    void behindATrustedProxyTheRightMostUntrustedAddressIsTheClient() {
        given().auth().oauth2(TestTokens.user(UUID.randomUUID()).sign())
                .header("X-Forwarded-For", "6.6.6.6, 203.0.113.7, 127.0.0.1").header("X-Forwarded-Proto", "https")
                .get("/api/users/me").then().statusCode(200);
        org.assertj.core.api.Assertions.assertThat(Upstreams.last("/api/users/me").headers().get("X-Forwarded-For"))
                .isEqualTo("203.0.113.7");
    }

    @Test
    void redirectsNeverPointAtAnInjectedHost() {
        given().redirects().follow(false).header("X-Forwarded-Proto", "http").header("Host", "evil.example/x?")
                .get("/api/users/me").then().statusCode(not(308)).header("Location", nullValue());
        given().get("/nowhere").then().statusCode(404).header("Strict-Transport-Security",
                equalTo("max-age=31536000; includeSubDomains"));
    }
}
