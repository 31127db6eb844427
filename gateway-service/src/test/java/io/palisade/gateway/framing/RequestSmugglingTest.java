package io.palisade.gateway.framing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.palisade.common.testing.RawHttp;
import io.palisade.gateway.support.RateLimitKeys;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request smuggling from the attacker's side: bytes no HTTP client library would send, written to a socket,
 * against a gateway in front of a stand-in upstream that records every request it parses. An ambiguous head
 * must be a 400 that closes the connection and sends the upstream nothing; whatever the gateway does
 * forward must reach the upstream as exactly one request, framed by the gateway.
 */
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class RequestSmugglingTest {

    /** What a smuggler hides in the body: a request of its own, routable, so that any reading of it shows. */
    private static final String INNER = "GET /api/auth/smuggled HTTP/1.1\r\nHost: auth\r\nX-Request-Id: smuggled-inner\r\n\r\n";
    private static final String CHUNKED_INNER = Integer.toHexString(INNER.length()) + "\r\n" + INNER + "\r\n0\r\n\r\n";

    @BeforeEach
    void fullBuckets() {
        RateLimitKeys.clear();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // Content-Length and Transfer-Encoding together, on HTTP/1.0 and on HTTP/1.1.
        "POST /api/auth/logout HTTP/1.0\r\nHost: gw\r\nContent-Length: 0\r\nTransfer-Encoding: chunked\r\n\r\n",
        "POST /api/auth/logout HTTP/1.1\r\nHost: gw\r\nContent-Length: 0\r\nTransfer-Encoding: chunked\r\n\r\n",
        "POST /api/auth/logout HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n",
        // Transfer-Encoding on HTTP/1.0, which has no chunked coding.
        "POST /api/auth/logout HTTP/1.0\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n",
        // Codings other than exactly chunked, and obfuscated names.
        "POST /api/auth/logout HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked, identity\r\n\r\n",
        "POST /api/auth/logout HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: identity, chunked\r\n\r\n",
        "POST /api/auth/logout HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: xchunked\r\nContent-Length: 4\r\n\r\n",
        "POST /api/auth/logout HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding : chunked\r\nContent-Length: 4\r\n\r\n",
        "POST /api/auth/logout HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding:\tchunked\r\nContent-Length: 4\r\n\r\n",
        "POST /api/auth/logout HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n",
        "POST /api/auth/logout HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
        // Several Content-Length values, different or equal.
        "POST /api/auth/logout HTTP/1.1\r\nHost: gw\r\nContent-Length: 0\r\nContent-Length: 80\r\n\r\n",
        "POST /api/auth/logout HTTP/1.1\r\nHost: gw\r\nContent-Length: 80\r\nContent-Length: 80\r\n\r\n",
        "POST /api/auth/logout HTTP/1.1\r\nHost: gw\r\nContent-Length: 0, 80\r\n\r\n"})
    void anAmbiguousLengthIsRefusedTheConnectionClosedAndNothingReachesTheUpstream(String head) {
        int before = Upstreams.RECEIVED.size();

        RawHttp.Exchange exchange = RawHttp.exchange(RestAssured.port, head + CHUNKED_INNER, 5_000);

        assertThat(exchange.statuses()).as(exchange.received()).containsExactly(400);
        assertThat(exchange.closedByServer()).as("connection closed after the 400").isTrue();
        assertThat(Upstreams.RECEIVED.subList(before, Upstreams.RECEIVED.size())).isEmpty();
        aFreshConnectionGetsItsOwnAnswer();
    }

    /**
     * Two Content-Length values, the first {@code 0}: a reader that takes the first sees an empty body and the
     * request hidden in it as the next one on the connection. Over HTTP/1.0 with keep-alive this got through.
     */
    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.0\r\nConnection: keep-alive", "HTTP/1.0", "HTTP/1.1", "HTTP/1.1\r\nConnection: keep-alive",
        "HTTP/1.1\r\nConnection: close"})
    void twoContentLengthsAreRefusedOnEveryVersionWithOrWithoutKeepAlive(String versionAndConnection) {
        int before = Upstreams.RECEIVED.size();
        String head = "POST /api/auth/logout " + versionAndConnection + "\r\nHost: gw\r\nContent-Length: 0\r\n"
                + "Content-Length: " + INNER.length() + "\r\n\r\n";

        RawHttp.Exchange exchange = RawHttp.exchange(RestAssured.port, head + INNER, 5_000);

        assertThat(exchange.statuses()).as(exchange.received()).containsExactly(400);
        assertThat(exchange.closedByServer()).as("connection closed after the 400").isTrue();
        assertThat(Upstreams.RECEIVED.subList(before, Upstreams.RECEIVED.size())).isEmpty();
    }

    /**
     * Netty sums a chunk size into an int and misses a wrap to a small number: {@code 100000003} was read as 3,
     * so the request hidden after "3 bytes" became the next one on the connection, where a proxy in front that
     * reads the 33-bit size sees only body. A size past the largest int ends the connection as a size that is not
     * hex at all does, and nothing after it is read as a request.
     */
    @ParameterizedTest
    @ValueSource(strings = {"100000003", "80000000", "1000000000000000003", "g3"})
    void aChunkSizeThatDoesNotFitOrIsNotHexEndsTheConnectionAndNothingFollowsIt(String size) {
        int before = Upstreams.RECEIVED.size();
        String attack = "POST /api/auth/logout HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n"
                + size + "\r\nabc\r\n0\r\n\r\n" + INNER;

        RawHttp.Exchange exchange = RawHttp.exchange(RestAssured.port, attack, 5_000);

        assertThat(exchange.closedByServer()).as(exchange.received()).isTrue();
        assertThat(exchange.statuses()).as(exchange.received()).allMatch(status -> status >= 400);
        assertThat(Upstreams.RECEIVED.subList(before, Upstreams.RECEIVED.size()))
                .noneMatch(received -> received.path().equals("/api/auth/smuggled"))
                .noneMatch(Upstreams.Received::complete);
        aFreshConnectionGetsItsOwnAnswer();
    }

    @Test
    void ourOwnRefusalIsAProblemDocument() {
        RawHttp.Exchange exchange = RawHttp.exchange(RestAssured.port,
                "POST /api/auth/logout HTTP/1.0\r\nHost: gw\r\nContent-Length: 0\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + CHUNKED_INNER, 5_000);

        assertThat(exchange.received()).contains("application/problem+json").contains("\"status\":400")
                .containsIgnoringCase("X-Request-Id:").containsIgnoringCase("X-Content-Type-Options: nosniff");
    }

    @Test
    void aChunkHoldingAWholeRequestReachesTheUpstreamAsTheBodyOfExactlyOneRequest() {
        int before = Upstreams.RECEIVED.size();
        String attack = "POST /api/auth/logout HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + CHUNKED_INNER;

        RawHttp.Exchange exchange = RawHttp.exchange(RestAssured.port, attack, 5_000);

        assertThat(exchange.statuses()).containsExactly(200);
        List<Upstreams.Received> received = Upstreams.RECEIVED.subList(before, Upstreams.RECEIVED.size());
        assertThat(received).hasSize(1);
        assertThat(received.get(0).path()).isEqualTo("/api/auth/logout");
        assertThat(received.get(0).bodyBytes()).isEqualTo(INNER.length());
        aFreshConnectionGetsItsOwnAnswer();
    }

    @Test
    void theUpstreamGetsTheGatewaysFramingNeverTheClientsContentLength() {
        int before = Upstreams.RECEIVED.size();

        RawHttp.Exchange exchange = RawHttp.exchange(RestAssured.port,
                "POST /api/auth/logout HTTP/1.1\r\nHost: gw\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello", 5_000);

        assertThat(exchange.statuses()).containsExactly(200);
        List<Upstreams.Received> received = Upstreams.RECEIVED.subList(before, Upstreams.RECEIVED.size());
        assertThat(received).hasSize(1);
        assertThat(received.get(0).bodyBytes()).isEqualTo(5);
        assertThat(received.get(0).headers().get("Content-Length")).isNull();
        assertThat(received.get(0).headers().get("Transfer-Encoding")).isEqualTo("chunked");
    }

    @Test
    void bytesPastADeclaredLengthArePipelinedRequestsAnsweredInOrderAndRoutedLikeAnyOther() {
        Upstreams.RECEIVED.removeIf(r -> r.path().equals("/api/auth/smuggled"));
        int before = Upstreams.RECEIVED.size();
        String pipelined = "POST /api/auth/logout HTTP/1.1\r\nHost: gw\r\nContent-Length: 5\r\n\r\nhello"
                + INNER
                + "GET /.well-known/jwks.json HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n";

        RawHttp.Exchange exchange = RawHttp.exchange(RestAssured.port, pipelined, 5_000);

        assertThat(exchange.statuses()).as(exchange.received()).containsExactly(200, 200, 200);
        assertThat(exchange.received().indexOf("/api/auth/logout")).isLessThan(exchange.received().indexOf("/.well-known/jwks.json"));
        assertThat(Upstreams.RECEIVED.subList(before, Upstreams.RECEIVED.size())).extracting(Upstreams.Received::path)
                .containsExactly("/api/auth/logout", "/api/auth/smuggled", "/.well-known/jwks.json");
    }

    private static void aFreshConnectionGetsItsOwnAnswer() {
        given().get("/.well-known/jwks.json").then().statusCode(200).body("path", equalTo("/.well-known/jwks.json"));
        assertThat(Upstreams.RECEIVED).noneMatch(r -> r.path().equals("/api/auth/smuggled"));
    }
}
