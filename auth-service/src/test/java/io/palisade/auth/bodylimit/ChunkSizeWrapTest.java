package io.palisade.auth.bodylimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.testing.RawHttp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/**
 * Netty sums a chunk size into an int and misses a wrap to a small number: {@code 100000003} was read as 3, so
 * what a proxy in front of this port reads as body became the next request on the connection. auth-service
 * decodes with common's strict decoder, which refuses the size and closes the connection: no second answer.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class ChunkSizeWrapTest {

    @Test
    void aChunkSizeThatWrapsAroundEndsTheConnectionAndNothingAfterItIsARequest() {
        String attack = "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n100000003\r\n{}}\r\n0\r\n\r\n"
                + "GET /no/such/inner HTTP/1.1\r\nHost: x\r\n\r\n";

        RawHttp.Exchange exchange = RawHttp.exchange(RestAssured.port, attack, 5_000);

        assertThat(exchange.closedByServer()).as(exchange.received()).isTrue();
        assertThat(exchange.received()).doesNotContain("/no/such/inner");
        assertThat(exchange.statuses()).as(exchange.received()).hasSizeLessThan(2);
    }
}
