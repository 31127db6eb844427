package io.palisade.user.profile;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.palisade.user.support.AuthServiceStandIn;
import io.palisade.user.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A patch stores trimmed values; a null or blank bio clears it; an absent field is left alone. */
@QuarkusTest
@QuarkusTestResource(AuthServiceStandIn.class)
class ProfilePatchTest {

    @Test
    void aPatchStoresTrimmedValuesAndABlankOrNullBioClearsIt() {
        UUID me = Profiles.create("Me");
        Profiles.patch(me, "{\"displayName\":\"  New Name \",\"bio\":\" hello \"}").then().statusCode(200)
                .body("displayName", equalTo("New Name")).body("bio", equalTo("hello"));
        Profiles.patch(me, "{\"bio\":null}").then().statusCode(200).body("bio", nullValue())
                .body("displayName", equalTo("New Name"));
        Profiles.patch(me, "{\"bio\":\"x\"}").then().statusCode(200);
        Profiles.patch(me, "{\"bio\":\"\"}").then().statusCode(200).body("bio", nullValue());
    }
}
