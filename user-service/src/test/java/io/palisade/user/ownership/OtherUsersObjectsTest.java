package io.palisade.user.ownership;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.palisade.common.testing.RawHttp;
import io.palisade.common.testing.TestTokens;
import io.palisade.user.support.AuthServiceStandIn;
import io.palisade.user.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** User A reaches none of user B's objects (404, as if absent); an admin reaches all of them. */
@QuarkusTest
@QuarkusTestResource(AuthServiceStandIn.class)
class OtherUsersObjectsTest {

    @Test
    void anotherUsersProfileAvatarAndDeletionAreA404() {
        UUID alice = Profiles.create("Alice");
        UUID bob = Profiles.create("Bob");

        Profiles.as(alice).get("/api/users/" + bob).then().statusCode(404).contentType("application/problem+json");
        Profiles.as(alice).get("/api/users/" + bob + "/avatar").then().statusCode(404);
        Profiles.as(alice).delete("/api/users/" + bob).then().statusCode(404);
        Profiles.as(alice).get("/api/users/" + UUID.randomUUID()).then().statusCode(404);

        Profiles.as(bob).get("/api/users/" + bob).then().statusCode(200).body("displayName", equalTo("Bob"));
        org.assertj.core.api.Assertions.assertThat(AuthServiceStandIn.CALLS)
                .noneMatch(call -> call.path().endsWith(bob.toString()));
    }

    @Test
    void anAdminReachesEveryProfile() {
        UUID bob = Profiles.create("Bob");
        Profiles.asAdmin().get("/api/users/" + bob).then().statusCode(200).body("id", equalTo(bob.toString()));
        Profiles.asAdmin().queryParam("size", 100).get("/api/users").then().statusCode(200)
                .body("size", equalTo(100));
    }

    @Test
    void pathTricksNeverSkipTheCheck() {
        UUID alice = Profiles.create("Alice");
        UUID bob = Profiles.create("Bob");
        for (String path : new String[] {"/api/users/" + bob + ";x=1", "/api/users/" + bob + "%3Bx",
                "/api/users//" + bob, "/api/users/./" + bob, "/api/users/%2F" + bob, "/api/users/%5C" + bob,
                "/api/users/me/../" + bob}) {
            int status = RawHttp.get(RestAssured.port, path, "Authorization: Bearer " + TestTokens.user(alice).sign());
            org.assertj.core.api.Assertions.assertThat(status).as(path).isIn(400, 404);
        }
    }

    @Test
    void aMalformedIdIsA400() {
        UUID alice = Profiles.create("Alice");
        Profiles.as(alice).get("/api/users/not-a-uuid").then().statusCode(400)
                .body("errors.field", hasItem("id"));
    }

    @Test
    void theListIsForAdminsOnlyWithBoundedPages() {
        UUID alice = Profiles.create("Alice");
        Profiles.as(alice).get("/api/users").then().statusCode(403).contentType("application/problem+json");
        Profiles.asAdmin().queryParam("size", 0).get("/api/users").then().statusCode(400);
        Profiles.asAdmin().queryParam("size", 101).get("/api/users").then().statusCode(400);
        Profiles.asAdmin().queryParam("page", -1).get("/api/users").then().statusCode(400);
        Profiles.asAdmin().queryParam("page", "x").get("/api/users").then().statusCode(400);
    }

    @Test
    void pagesFollowCreationOrderWithoutOverlap() {
        Profiles.create("Paged one");
        Profiles.create("Paged two");
        var first = Profiles.asAdmin().queryParam("page", 0).queryParam("size", 1).get("/api/users").then()
                .statusCode(200).extract().jsonPath();
        var second = Profiles.asAdmin().queryParam("page", 1).queryParam("size", 1).get("/api/users").then()
                .statusCode(200).extract().jsonPath();
        org.assertj.core.api.Assertions.assertThat(first.getString("items[0].createdAt"))
                .isLessThanOrEqualTo(second.getString("items[0].createdAt"));
        org.assertj.core.api.Assertions.assertThat(first.getString("items[0].id"))
                .isNotEqualTo(second.getString("items[0].id"));
        org.assertj.core.api.Assertions.assertThat(first.getLong("totalElements")).isGreaterThanOrEqualTo(2);
    }
}
