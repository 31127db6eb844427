package io.palisade.gateway.http2;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.testing.Concurrently;
import io.palisade.common.testing.RawHttp;
import io.palisade.common.testing.TestTokens;
import io.palisade.gateway.support.RateLimitKeys;
import io.palisade.gateway.support.RawHttp2;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HTTP/2 from the attacker's side, with cleartext HTTP/2 switched on as an operator may: a header value is a
 * length and bytes there, so CR, LF and NUL arrive intact. Copied upstream they were a header injection that
 * the Vert.x client refused by throwing after it had leased a pooled connection: no answer, and the lease
 * never returned, so 64 of them wedged every route to that upstream.
 */
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
@TestProfile(Http2HeaderInjectionTest.Cleartext.class)
class Http2HeaderInjectionTest {

    public static class Cleartext implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("palisade.gateway.http2.cleartext", "true");
        }
    }

    private static final List<String> FORBIDDEN = List.of("a\r\nX-Injected: yes", "a\nb", "a\rb", "a\u0000b",
            "a\u007Fb", "a\u0001b");

    @BeforeEach
    void fullBuckets() {
        RateLimitKeys.clear();
    }

    @Test
    void twoHundredRequestsWithForbiddenBytesAreRefusedAndEveryUpstreamKeepsAnswering() {
        int before = Upstreams.RECEIVED.size();
        List<Integer> statuses = Concurrently.run(20, thread -> {
            int refused = 0;
            for (int i = 0; i < 10; i++) {
                String value = FORBIDDEN.get((thread + i) % FORBIDDEN.size());
                String path = i % 2 == 0 ? "/.well-known/jwks.json" : "/api/users/me";
                if (RawHttp2.exchange(RestAssured.port, "GET", path, List.of(Map.entry("x-note", value),
                        Map.entry("authorization", "Bearer " + TestTokens.user(UUID.randomUUID()).sign())), null) == 400) {
                    refused++;
                }
            }
            return refused;
        });

        assertThat(statuses).allMatch(refused -> refused == 10);
        assertThat(Upstreams.RECEIVED.subList(before, Upstreams.RECEIVED.size())).isEmpty();
        given().get("/.well-known/jwks.json").then().statusCode(200);
        given().auth().oauth2(TestTokens.user(UUID.randomUUID()).sign()).get("/api/users/me").then().statusCode(200);
        assertThat(RawHttp2.exchange(RestAssured.port, "GET", "/.well-known/jwks.json", List.of(), null)).isEqualTo(200);
    }

    @Test
    void anAuthorityWithALineBreakIsRefused() {
        int before = Upstreams.RECEIVED.size();
        assertThat(RawHttp2.exchange(RestAssured.port, "GET", "/.well-known/jwks.json",
                List.of(Map.entry(":authority", "gw\r\nX-Injected: yes")), null)).isIn(400, -1);
        assertThat(Upstreams.RECEIVED.subList(before, Upstreams.RECEIVED.size())).isEmpty();
    }

    /** The same header means the same thing over both protocols: refused by both, or accepted by both. */
    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\rb", "a\u007Fb", "a\u0001b", "a\tb", "caf\u00e9", "plain value"})
    void aHeaderValueGetsTheSameAnswerOverHttp1AndHttp2(String value) {
        int overHttp1 = RawHttp.exchange(RestAssured.port, "GET /.well-known/jwks.json HTTP/1.1\r\nHost: gw\r\n"
                + "X-Note: " + value + "\r\nConnection: close\r\n\r\n", 5_000).statuses().stream().findFirst().orElse(-1);
        int overHttp2 = RawHttp2.exchange(RestAssured.port, "GET", "/.well-known/jwks.json",
                List.of(Map.entry("x-note", value)), null);

        assertThat(overHttp2).as("HTTP/2 answer").isEqualTo(overHttp1).isIn(200, 400);
    }

    @Test
    void aBodyWithoutContentLengthReachesTheUpstreamWhole() {
        byte[] body = "{\"refresh\":\"whole body, sent as DATA frames without a content-length\"}".getBytes();

        assertThat(RawHttp2.exchange(RestAssured.port, "POST", "/api/auth/refresh",
                List.of(Map.entry("content-type", "application/json")), body)).isEqualTo(200);
        assertThat(Upstreams.last("/api/auth/refresh").bodyBytes()).isEqualTo(body.length);
    }
}
