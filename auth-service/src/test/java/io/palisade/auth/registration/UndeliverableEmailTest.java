package io.palisade.auth.registration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.UserServiceStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code @Email} takes what RFC 5322 allows, and mail relays refuse much of it: an account under such an address
 * never gets its verification mail, and its outbox row came back forever. Only a plain {@code local@domain} is
 * taken, and nothing is created for the rest.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class UndeliverableEmailTest {

    private static final String PASSWORD = "Lantern-Quay-Sextant-9!";

    @ParameterizedTest
    @ValueSource(strings = {"\"x<a@evil.test>\"@example.org", "\"quoted\"@example.org", "\"a b\"@example.org",
        "user(comment)@example.org", "Name <user@example.org>", "user@localhost", "user@-example.org",
        "user..dots@example.org", ".user@example.org"})
    void anAddressNoRelayDeliversToIsA400AndCreatesNothing(String email) {
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD, "displayName", "Mallory"))
                .post("/api/auth/register").then().statusCode(400).body("errors.field", hasItem("email"));
        AuthTestSupport.login(email, PASSWORD, null).then().statusCode(401);
    }

    @Test
    void aPlainAddressWithTheCharactersADotAtomAllowsIsTaken() {
        String email = "first.last+tag_" + UUID.randomUUID().toString().substring(0, 8) + "@mail.example-host.test";
        given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD, "displayName", "Plain"))
                .post("/api/auth/register").then().statusCode(201);
    }
}
