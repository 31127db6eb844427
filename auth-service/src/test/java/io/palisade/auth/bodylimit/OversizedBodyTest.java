package io.palisade.auth.bodylimit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.testing.JsonBodies;
import io.palisade.common.testing.RawHttp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Every auth route takes at most 10 KiB: a declared body over it is a 413 problem, and a chunked body within it
 * is read like any other.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class OversizedBodyTest {

    private static final byte[] TWENTY_KIB = JsonBodies.paddedObject(20 * 1024);

    @Test
    void aDeclaredBodyOverTenKibIsA413Problem() {
        given().contentType("application/json").body(TWENTY_KIB).post("/api/auth/register")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:palisade:problem:payload-too-large"));
    }

    @Test
    void aChunkedBodyWithinTheLimitIsServed() {
        byte[] login = "{\"email\":\"nobody@palisade.test\",\"password\":\"Lantern-Quay-9!\"}"
                .getBytes(StandardCharsets.UTF_8);

        RawHttp.Answer answer = RawHttp.chunked(RestAssured.port, "POST", "/api/auth/login", login,
                "Content-Type: application/json");

        assertThat(answer.status()).as("read, parsed and checked like any login").isEqualTo(401);
    }

    @Test
    void aChunkedBodyOverTenKibIsA413ProblemOnEveryJsonRouteAndCreatesNothing() {
        String email = "chunked-" + java.util.UUID.randomUUID() + "@palisade.test";
        String registration = "{\"email\":\"" + email + "\",\"password\":\"Lantern-Quay-9-Chunked!\",\"displayName\":\"C\"}";
        String login = "{\"email\":\"" + email + "\",\"password\":\"Lantern-Quay-9-Chunked!\"}";
        for (String[] route : new String[][] {{"/api/auth/register", registration}, {"/api/auth/login", login}}) {
            String path = route[0];
            RawHttp.Answer answer = RawHttp.chunked(RestAssured.port, "POST", path,
                    JsonBodies.padded(route[1], 10 * 1024 + 1), "Content-Type: application/json");
            assertThat(answer.status()).as(path).isEqualTo(413);
            assertThat(answer.header("Content-Type")).as(path).startsWith("application/problem+json");
        }
        RawHttp.Answer atTheLimit = RawHttp.chunked(RestAssured.port, "POST", "/api/auth/register",
                JsonBodies.padded(registration, 10 * 1024), "Content-Type: application/json");
        assertThat(atTheLimit.status()).as("the same registration, exactly 10 KiB, read whole").isEqualTo(201);
    }

    /** The refresh route answers 401 without reading a body; the rest of a huge one must not be read to the end. */
    @Test
    void aChunkedBodyToARouteThatReadsNoneIsNotDrainedWithoutLimit() {
        long sent = RawHttp.chunkedBytesSentBeforeClose(RestAssured.port, "POST", "/api/auth/refresh",
                96L * 1024 * 1024, "Content-Type: application/json", "X-CSRF-Token: x");

        assertThat(sent).as("bytes the service read before closing").isBetween(0L, 24L * 1024 * 1024);
    }
}
