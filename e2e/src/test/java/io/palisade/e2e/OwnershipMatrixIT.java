package io.palisade.e2e;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.palisade.e2e.Accounts.Account;
import io.palisade.e2e.Accounts.Session;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two users and the bootstrap admin, through the gateway: nobody reaches another's objects but the admin. */
@ExtendWith(PalisadeSuite.class)
class OwnershipMatrixIT {

    private static Account alice;
    private static Account bob;
    private static Session aliceSession;
    private static Session bobSession;
    private static Session adminSession;

    @BeforeAll
    static void accounts() {
        alice = Accounts.register("Alice");
        bob = Accounts.register("Bob");
        aliceSession = Accounts.login(alice);
        bobSession = Accounts.login(bob);
        adminSession = Accounts.login(PalisadeSuite.ADMIN_EMAIL, PalisadeSuite.ADMIN_PASSWORD);
    }

    @Test
    void hidesAnotherUsersProfileAvatarAndDeletionBehindA404() {
        aliceSession.bearer().get("/api/users/" + bob.id()).then().statusCode(404)
                .contentType("application/problem+json");
        aliceSession.bearer().get("/api/users/" + bob.id() + "/avatar").then().statusCode(404);
        aliceSession.bearer().delete("/api/users/" + bob.id()).then().statusCode(404);

        bobSession.bearer().get("/api/users/me").then().statusCode(200).body("id", equalTo(bob.id()));
        Accounts.login(bob);
    }

    @Test
    void letsTheAdminReadAnyProfileAndTheList() {
        adminSession.bearer().get("/api/users/" + alice.id()).then().statusCode(200)
                .body("email", equalTo(alice.email()));
        adminSession.bearer().queryParam("page", 0).queryParam("size", 100).get("/api/users").then().statusCode(200)
                .body("page", equalTo(0)).body("size", equalTo(100))
                .body("totalElements", greaterThanOrEqualTo(3));
    }

    @Test
    void keepsTheListForAdminsOnly() {
        aliceSession.bearer().get("/api/users").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void letsTheAdminDeleteAnAccountEverywhere() {
        Account doomed = Accounts.register("Doomed");
        Session doomedSession = Accounts.login(doomed);

        adminSession.bearer().delete("/api/users/" + doomed.id()).then().statusCode(204);

        adminSession.bearer().get("/api/users/" + doomed.id()).then().statusCode(404);
        Accounts.loginResponse(doomed.email(), doomed.password(), null).then().statusCode(401);
        Accounts.refresh(doomedSession.refreshToken(), doomedSession.csrfToken()).then().statusCode(401);
    }
}
