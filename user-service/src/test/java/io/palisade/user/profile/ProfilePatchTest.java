package io.palisade.user.profile;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import io.palisade.user.support.AuthServiceStandIn;
import io.palisade.user.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(AuthServiceStandIn.class)
class ProfilePatchTest {

    private static final String RFC3339_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";

    @Test
    void shouldServeTheCallersProfileWithItsExactShape() {
        UUID me = Profiles.create("  Me  ");
        Profiles.as(me).get("/api/users/me").then().statusCode(200)
                .body("id", equalTo(me.toString()))
                .body("email", equalTo("p-" + me + "@palisade.test"))
                .body("displayName", equalTo("Me"))
                .body("bio", nullValue())
                .body("avatarUrl", nullValue())
                .body("createdAt", matchesPattern(RFC3339_UTC))
                .body("updatedAt", matchesPattern(RFC3339_UTC));
    }

    @Test
    void shouldPatchTrimmedValuesAndClearTheBio() {
        UUID me = Profiles.create("Me");
        patch(me, "{\"displayName\":\"  New Name \",\"bio\":\" hello \"}").then().statusCode(200)
                .body("displayName", equalTo("New Name")).body("bio", equalTo("hello"));
        patch(me, "{\"bio\":null}").then().statusCode(200).body("bio", nullValue()).body("displayName", equalTo("New Name"));
        patch(me, "{\"bio\":\"x\"}").then().statusCode(200);
        patch(me, "{\"bio\":\"\"}").then().statusCode(200).body("bio", nullValue());
    }

    @Test
    void massAssignmentIsA400AndChangesNothing() {
        UUID me = Profiles.create("Original");
        for (String body : new String[] {"{\"id\":\"" + UUID.randomUUID() + "\"}", "{\"email\":\"evil@x.y\"}",
                "{\"roles\":[\"admin\"]}", "{\"groups\":[\"admin\"]}", "{\"displayName\":\"X\",\"groups\":[\"admin\"]}",
                "{\"displayName\":null}", "{\"displayName\":\"  \"}", "{\"displayName\":\"" + "x".repeat(101) + "\"}",
                "{\"bio\":\"" + "x".repeat(501) + "\"}", "{\"displayName\":\"a\\u0000b\"}", "{\"bio\":7}",
                "{\"displayName\":\"A\",\"displayName\":\"B\"}", "{\"bio\":\"a\"} {}", "[]", "{"}) {
            patch(me, body).then().statusCode(400).contentType("application/problem+json");
        }
        Profiles.as(me).get("/api/users/me").then().statusCode(200)
                .body("displayName", equalTo("Original")).body("email", equalTo("p-" + me + "@palisade.test"))
                .body("bio", nullValue());
        patch(me, "{\"groups\":[\"admin\"]}").then().body("errors.field", hasItem("groups"));
    }

    @Test
    void aWrongContentTypeIsA415() {
        UUID me = Profiles.create("Me");
        Profiles.as(me).contentType(ContentType.TEXT).body("displayName=x").patch("/api/users/me").then()
                .statusCode(415).contentType("application/problem+json");
    }

    @Test
    void anUnsupportedMethodIsA405WithAllow() {
        UUID me = Profiles.create("Me");
        Profiles.as(me).contentType(ContentType.JSON).body("{}").put("/api/users/me").then().statusCode(405)
                .header("Allow", org.hamcrest.Matchers.containsString("GET"))
                .contentType("application/problem+json");
    }

    private static io.restassured.response.Response patch(UUID user, String body) {
        return Profiles.as(user).contentType(ContentType.JSON).body(body).patch("/api/users/me");
    }
}
