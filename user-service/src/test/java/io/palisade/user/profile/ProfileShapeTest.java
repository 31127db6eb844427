package io.palisade.user.profile;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import io.palisade.user.support.AuthServiceStandIn;
import io.palisade.user.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A profile has exactly the documented fields, with RFC 3339 UTC timestamps. */
@QuarkusTest
@QuarkusTestResource(AuthServiceStandIn.class)
class ProfileShapeTest {

    private static final String RFC3339_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";

    @Test
    void theCallersProfileHasItsExactShape() {
        UUID me = Profiles.create("  Me  ");
        Profiles.as(me).get("/api/users/me").then().statusCode(200)
                .body("size()", equalTo(7))
                .body("id", equalTo(me.toString()))
                .body("email", equalTo("p-" + me + "@palisade.test"))
                .body("displayName", equalTo("Me"))
                .body("bio", nullValue())
                .body("avatarUrl", nullValue())
                .body("createdAt", matchesPattern(RFC3339_UTC))
                .body("updatedAt", matchesPattern(RFC3339_UTC));
    }
}
