package io.palisade.gateway.clientip;

import static io.palisade.gateway.clientip.ForwardedForFromTrustedProxyTest.login;

import io.palisade.gateway.support.RateLimitKeys;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With {@code client-ip-header=Forwarded}, the same two headers mean the opposite: X-Forwarded-For is ignored. */
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
@TestProfile(ForwardedFromTrustedProxyTest.BehindAForwardedProxy.class)
class ForwardedFromTrustedProxyTest {

    public static class BehindAForwardedProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("palisade.gateway.trusted-proxies", "127.0.0.1/32",
                    "palisade.gateway.client-ip-header", "Forwarded");
        }
    }

    @BeforeEach
    void fullBuckets() {
        RateLimitKeys.clear();
    }

    @Test
    void aFreshForwardedForPerRequestDoesNotEscapeTheLimit() {
        for (int i = 0; i < 5; i++) {
            login("198.51.100." + i, "for=203.0.113.7").then().statusCode(200);
        }
        login("198.51.100.99", "for=203.0.113.7").then().statusCode(429);
    }

    @Test
    void theProxysForwardedNamesTheClient() {
        for (int i = 0; i < 5; i++) {
            login("198.51.100.1", "for=203.0.113.8;proto=https").then().statusCode(200);
        }
        login("198.51.100.1", "for=203.0.113.8").then().statusCode(429);
        login("198.51.100.1", "for=\"[2001:db8:1:2::8]:4711\"").then().statusCode(200);
    }
}
