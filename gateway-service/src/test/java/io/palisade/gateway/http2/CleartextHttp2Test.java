package io.palisade.gateway.http2;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.testing.RawHttp;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/** Cleartext HTTP/2 is a second protocol on the public port that no browser speaks: off unless configured. */
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class CleartextHttp2Test {

    @Test
    void priorKnowledgeIsNotAnsweredInHttp2() {
        RawHttp.Exchange exchange = RawHttp.exchange(RestAssured.port,
                "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\u0000\u0000\u0000\u0004\u0000\u0000\u0000\u0000\u0000", 3_000);

        // An HTTP/1 error line, not the SETTINGS frame an HTTP/2 server opens with.
        assertThat(exchange.received()).matches("(?s)HTTP/\\S+ [45]\\d\\d .*");
    }

    @Test
    void anUpgradeToH2cIsNotTaken() {
        RawHttp.Exchange exchange = RawHttp.exchange(RestAssured.port, "GET /.well-known/jwks.json HTTP/1.1\r\n"
                + "Host: gw\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n",
                3_000);

        assertThat(exchange.statuses()).doesNotContain(101).isNotEmpty();
    }
}
