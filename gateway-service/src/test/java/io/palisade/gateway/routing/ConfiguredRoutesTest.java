package io.palisade.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.palisade.common.testing.Concurrently;
import io.palisade.common.testing.RawHttp;
import io.palisade.common.testing.TestTokens;
import io.palisade.gateway.support.RateLimitKeys;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An operator's own services behind the gateway, configured in {@link Upstreams}: an orders API that needs a
 * token (its admin part a role), a search that reads none, a catalogue where a token is optional and each
 * request costs 3 units. Each test alters one property of an otherwise valid request, as an attacker would.
 */
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class ConfiguredRoutesTest {

    private final UUID me = UUID.randomUUID();
    private final String token = TestTokens.user(me).sign();

    @BeforeEach
    void fullBuckets() {
        RateLimitKeys.clear();
    }

    @Test
    void aConfiguredRouteReachesItsUpstreamOnTheCanonicalPathWithTheClientsAuthorization() {
        int before = Upstreams.RECEIVED.size();
        given().urlEncodingEnabled(false).auth().oauth2(token).get("/api/orders/%37").then().statusCode(200)
                .body("upstream", equalTo("orders"));
        Upstreams.Received received = Upstreams.RECEIVED.get(before);
        assertThat(received.path()).isEqualTo("/api/orders/7");
        assertThat(received.headers().get("Authorization")).isEqualTo("Bearer " + token);
    }

    @Test
    void aRequiredTokenIsRequiredAndNothingReachesTheUpstreamWithoutIt() {
        int before = Upstreams.RECEIVED.size();
        given().get("/api/orders/7").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer"));
        for (String forged : TestTokens.forgeries(me).values()) {
            given().auth().oauth2(forged).get("/api/orders/7").then().statusCode(401)
                    .header("WWW-Authenticate", equalTo("Bearer error=\"invalid_token\""));
        }
        given().auth().oauth2(TestTokens.service("palisade-api").subject(me.toString()).sign())
                .get("/api/orders/7").then().statusCode(401);
        assertThat(Upstreams.RECEIVED.subList(before, Upstreams.RECEIVED.size())).isEmpty();
    }

    @Test
    void aRouteWithRolesRefusesATokenWithoutOneOfThemAndItsParentRouteIsNoWayAround() {
        int before = Upstreams.RECEIVED.size();
        given().auth().oauth2(token).get("/api/orders/admin/report").then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("urn:palisade:problem:forbidden"));
        // Written by hand: an HTTP client would resolve the dot segment before sending it.
        assertThat(RawHttp.exchange(RestAssured.port, "GET /api/orders/x/../admin/report HTTP/1.1\r\nHost: gw\r\n"
                + "Authorization: Bearer " + token + "\r\nConnection: close\r\n\r\n", 5_000).received())
                .startsWith("HTTP/1.1 400");
        given().urlEncodingEnabled(false).auth().oauth2(token).get("/api/orders/%61dmin/report").then().statusCode(403);
        assertThat(Upstreams.RECEIVED.subList(before, Upstreams.RECEIVED.size())).isEmpty();
        given().auth().oauth2(TestTokens.admin(me).sign()).get("/api/orders/admin/report").then().statusCode(200);
    }

    @Test
    void aMethodTheRouteDoesNotTakeIs405WithAllow() {
        given().auth().oauth2(token).delete("/api/orders/7").then().statusCode(405)
                .contentType("application/problem+json").header("Allow", equalTo("GET, POST"));
    }

    @Test
    void clientSentPalisadeAndForwardingHeadersChangeNothingUpstream() {
        int before = Upstreams.RECEIVED.size();
        given().auth().oauth2(token).header("X-Palisade-Subject", UUID.randomUUID().toString())
                .header("X-Palisade-Roles", "admin").header("X-Forwarded-For", "203.0.113.66")
                .header("Forwarded", "for=203.0.113.66").get("/api/orders/7").then().statusCode(200);
        Upstreams.Received received = Upstreams.RECEIVED.get(before);
        assertThat(received.headers().names()).noneMatch(name -> name.toLowerCase().startsWith("x-palisade-"));
        assertThat(received.headers().get("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(received.headers().get("Forwarded")).isNull();
    }

    @Test
    void aRouteWithoutAuthNeverReadsTheTokenAndStillPassesItOn() {
        String forged = TestTokens.forgeries(me).values().iterator().next();
        int before = Upstreams.RECEIVED.size();
        given().auth().oauth2(forged).get("/api/search").then().statusCode(200).body("upstream", equalTo("orders"));
        assertThat(Upstreams.RECEIVED.get(before).headers().get("Authorization")).isEqualTo("Bearer " + forged);
    }

    @Test
    void aRouteWithoutAuthStillRefusesASmuggledRequestAndAnswersWithTheEdgesHeaders() {
        String inner = "GET /api/search/smuggled HTTP/1.1\r\nHost: gw\r\n\r\n";
        int before = Upstreams.RECEIVED.size();
        RawHttp.Exchange exchange = RawHttp.exchange(RestAssured.port, "POST /api/search HTTP/1.1\r\nHost: gw\r\n"
                + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(inner.length()) + "\r\n" + inner + "\r\n0\r\n\r\n", 5_000);

        assertThat(exchange.statuses()).as(exchange.received()).containsExactly(400);
        assertThat(exchange.closedByServer()).isTrue();
        assertThat(Upstreams.RECEIVED.subList(before, Upstreams.RECEIVED.size())).isEmpty();
        given().get("/api/search").then().statusCode(200).body("upstream", equalTo("orders"))
                .header("X-Content-Type-Options", equalTo("nosniff")).header("X-Frame-Options", equalTo("DENY"))
                .header("X-Request-Id", notNullValue());
    }

    @Test
    void anOptionalTokenNamesTheCallerAndAnInvalidOneIsRefused() {
        given().get("/api/catalog/1").then().statusCode(200);
        given().auth().oauth2(token).get("/api/catalog/1").then().statusCode(200);
        given().auth().oauth2(TestTokens.forgeries(me).values().iterator().next()).get("/api/catalog/1").then()
                .statusCode(401).header("WWW-Authenticate", equalTo("Bearer error=\"invalid_token\""));
    }

    @Test
    void aRequestOfCostThreeTakesThreeUnitsAndRCountsUnits() {
        Response first = given().auth().oauth2(token).get("/api/catalog/1");
        first.then().statusCode(200).header("RateLimit-Policy", equalTo("\"catalog\";q=9;w=3600"));
        assertThat(first.header("RateLimit")).startsWith("\"catalog\";r=6;");
    }

    @Test
    void twentyParallelRequestsOfCostThreeOnABucketOfNineAdmitExactlyThree() {
        List<Integer> statuses = Concurrently.run(20,
                i -> given().auth().oauth2(token).get("/api/catalog/" + i).statusCode());
        assertThat(statuses.stream().filter(status -> status == 200)).hasSize(3);
        assertThat(statuses.stream().filter(status -> status == 429)).hasSize(17);
    }

    @Test
    void aRoutesOwnBodyLimitHoldsWithAndWithoutALength() {
        byte[] fits = new byte[15 * 1024];
        byte[] tooLarge = new byte[25 * 1024];
        given().contentType("application/octet-stream").body(fits).post("/api/bulk").then().statusCode(200)
                .body("bytes", equalTo(fits.length));
        int before = Upstreams.RECEIVED.size();
        given().contentType("application/octet-stream").body(tooLarge).post("/api/bulk").then().statusCode(413);
        String chunked = "POST /api/bulk HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n"
                + "Content-Type: application/octet-stream\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(tooLarge.length) + "\r\n" + "x".repeat(tooLarge.length) + "\r\n0\r\n\r\n";
        assertThat(RawHttp.exchange(RestAssured.port, chunked, 5_000).received()).startsWith("HTTP/1.1 413");
        // A copy: the upstream records a reset request whenever the reset reaches it, perhaps while this reads.
        List<Upstreams.Received> received = List.copyOf(Upstreams.RECEIVED);
        assertThat(received.subList(before, received.size())).noneMatch(Upstreams.Received::complete);
        // Every other route keeps the gateway's default.
        given().auth().oauth2(token).contentType("application/octet-stream").body(fits).post("/api/orders")
                .then().statusCode(413);
    }

    @Test
    void aRoutesOwnResponseTimeoutReplacesTheGatewaysOne() {
        // The test profile gives up on an upstream after 1 s; this route waits 5 s, and its answer comes at 1.5 s.
        given().get("/api/slow/slow").then().statusCode(200).body("path", equalTo("/api/slow/slow"));
        given().auth().oauth2(token).get("/api/orders/slow").then().statusCode(504)
                .contentType("application/problem+json");
    }

    @Test
    void theInternalAndManagementPrefixesAreNeverRoutedWhateverIsConfigured() {
        given().auth().oauth2(token).get("/internal/profiles/x").then().statusCode(404);
        given().auth().oauth2(token).get("/q/health").then().statusCode(404);
    }
}
