package io.palisade.user.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.testing.TestTokens;
import io.palisade.user.support.AuthServiceStandIn;
import io.palisade.user.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(AuthServiceStandIn.class)
class AccountDeletionTest {

    @AfterEach
    void authBackUp() {
        AuthServiceStandIn.down = false;
    }

    @Test
    void deletingForwardsTheCallersOwnTokenAndThenRemovesTheProfile() {
        UUID me = Profiles.create("Leaving");
        String token = TestTokens.user(me).sign();

        io.restassured.RestAssured.given().auth().oauth2(token).delete("/api/users/" + me).then().statusCode(204);

        assertThat(AuthServiceStandIn.CALLS).anySatisfy(call -> {
            assertThat(call.method()).isEqualTo("DELETE");
            assertThat(call.path()).isEqualTo("/internal/accounts/" + me);
            assertThat(call.authorization()).isEqualTo("Bearer " + token);
        });
        Profiles.asAdmin().get("/api/users/" + me).then().statusCode(404);
    }

    @Test
    void anAdminMayDeleteSomeoneElse() {
        UUID victim = Profiles.create("Removed");
        Profiles.asAdmin().delete("/api/users/" + victim).then().statusCode(204);
        Profiles.asAdmin().get("/api/users/" + victim).then().statusCode(404);
    }

    @Test
    void whenAuthServiceIsUnreachableNothingIsDeleted() {
        UUID me = Profiles.create("Stays");
        AuthServiceStandIn.down = true;

        long started = System.nanoTime();
        Profiles.as(me).delete("/api/users/" + me).then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(6000);

        Profiles.as(me).get("/api/users/me").then().statusCode(200);
    }
}
