package io.palisade.user.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.revocation.RevokedSessions;
import io.palisade.common.testing.TestRevocations;
import io.palisade.common.testing.TestTokens;
import io.palisade.user.support.Profiles;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * user-service refuses the tokens of a session auth-service revoked, from its own copy fed by the channel:
 * within 2 s of the message, with RFC 6750's invalid_token, and only that session's tokens.
 */
@QuarkusTest
class RevokedSessionTest {

    @Inject
    RedisDataSource redis;

    @Inject
    RevokedSessions feed;

    @Test
    void aRevokedSessionsTokenIsRefusedWithinTwoSecondsOfTheMessage() throws InterruptedException {
        awaitFeed();
        UUID me = Profiles.create("Revoked");
        String revokedSession = UUID.randomUUID().toString();
        String revoked = TestTokens.user(me).session(revokedSession).sign();
        String other = TestTokens.user(me).session(UUID.randomUUID().toString()).sign();
        given().auth().oauth2(revoked).get("/api/users/me").then().statusCode(200);

        TestRevocations.message(redis, me.toString(), revokedSession);
        long sent = System.nanoTime();
        int status;
        do {
            status = given().auth().oauth2(revoked).get("/api/users/me").statusCode();
        } while (status == 200 && System.nanoTime() - sent < Duration.ofSeconds(2).toNanos() && pause());

        assertThat(status).as("the revoked session's token, within 2 s of the message").isEqualTo(401);
        given().auth().oauth2(revoked).get("/api/users/me").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        given().auth().oauth2(other).get("/api/users/me").then().statusCode(200);
    }

    private void awaitFeed() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!feed.connected() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(feed.connected()).as("the revocation feed subscribed").isTrue();
    }

    private static boolean pause() throws InterruptedException {
        Thread.sleep(20);
        return true;
    }
}
