package io.palisade.auth.bodylimit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.testing.RawHttp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every auth route takes at most 10 KiB, declared or streamed, and refuses more with a 413 problem. */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class OversizedBodyTest {

    private static final int OVER = 20 * 1024;

    @Test
    void aDeclaredBodyOverTenKibIsA413Problem() {
        given().contentType("application/json").body(json(OVER)).post("/api/auth/register")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:palisade:problem:payload-too-large"));
    }

    @Test
    void aChunkedBodyOverTenKibIsA413Problem() {
        RawHttp.Answer answer = RawHttp.chunked(RestAssured.port, "POST", "/api/auth/login", json(OVER),
                "Content-Type: application/json");

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void aChunkedBodyWithinTheLimitIsServed() {
        byte[] login = "{\"email\":\"nobody@palisade.test\",\"password\":\"Lantern-Quay-9!\"}"
                .getBytes(StandardCharsets.UTF_8);

        RawHttp.Answer answer = RawHttp.chunked(RestAssured.port, "POST", "/api/auth/login", login,
                "Content-Type: application/json");

        assertThat(answer.status()).as("read, parsed and checked like any login").isEqualTo(401);
    }

    /** A syntactically valid JSON object of {@code size} bytes, so only its size can be refused. */
    private static byte[] json(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[size - 1] = '}';
        return body;
    }
}
