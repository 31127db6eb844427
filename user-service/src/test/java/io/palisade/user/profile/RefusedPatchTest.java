package io.palisade.user.profile;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.palisade.user.support.AuthServiceStandIn;
import io.palisade.user.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A patch that names a field the caller may not set (mass assignment), breaks a field's rule or is not one
 * JSON object is a 400 problem, and the profile is unchanged.
 */
@QuarkusTest
@QuarkusTestResource(AuthServiceStandIn.class)
class RefusedPatchTest {

    static Stream<Arguments> refusedBodies() {
        return Stream.of(
                Arguments.of("the id", "{\"id\":\"" + UUID.randomUUID() + "\"}"),
                Arguments.of("the email", "{\"email\":\"evil@x.y\"}"),
                Arguments.of("roles", "{\"roles\":[\"admin\"]}"),
                Arguments.of("groups", "{\"groups\":[\"admin\"]}"),
                Arguments.of("groups beside an allowed field", "{\"displayName\":\"X\",\"groups\":[\"admin\"]}"),
                Arguments.of("a null displayName", "{\"displayName\":null}"),
                Arguments.of("a blank displayName", "{\"displayName\":\"  \"}"),
                Arguments.of("a displayName of 101 characters", "{\"displayName\":\"" + "x".repeat(101) + "\"}"),
                Arguments.of("a bio of 501 characters", "{\"bio\":\"" + "x".repeat(501) + "\"}"),
                Arguments.of("a control character", "{\"displayName\":\"a\\u0000b\"}"),
                Arguments.of("a number for a string", "{\"bio\":7}"),
                Arguments.of("a duplicated field", "{\"displayName\":\"A\",\"displayName\":\"B\"}"),
                Arguments.of("trailing data", "{\"bio\":\"a\"} {}"),
                Arguments.of("an array", "[]"),
                Arguments.of("truncated JSON", "{"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedBodies")
    void aRefusedPatchIsA400AndChangesNothing(String what, String body) {
        UUID me = Profiles.create("Original");

        Profiles.patch(me, body).then().statusCode(400).contentType("application/problem+json");

        Profiles.as(me).get("/api/users/me").then().statusCode(200)
                .body("displayName", equalTo("Original")).body("email", equalTo("p-" + me + "@palisade.test"))
                .body("bio", nullValue());
    }

    @Test
    void theProblemNamesTheFieldThatMayNotBeSet() {
        UUID me = Profiles.create("Original");
        Profiles.patch(me, "{\"groups\":[\"admin\"]}").then().statusCode(400).body("errors.field", hasItem("groups"));
    }
}
