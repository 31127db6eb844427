package io.palisade.gateway.edgeauth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.common.testing.TestRevocations;
import io.palisade.common.testing.TestTokens;
import io.palisade.gateway.support.RateLimitKeys;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A token verified once is not verified in full again while it lives, but a forged one is checked every time,
 * and remembering a token never outlasts its session: a revoked session's token is refused all the same.
 */
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class VerifiedTokenMemoryTest {

    @Inject
    MeterRegistry registry;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void fullBuckets() {
        RateLimitKeys.clear();
    }

    @Test
    void aRepeatedTokenIsVerifiedOnceAndAForgedOneEveryTime() {
        UUID me = UUID.randomUUID();
        String sid = UUID.randomUUID().toString();
        String token = TestTokens.user(me).session(sid).sign();
        String forged = TestTokens.user(me).signedWith(TestTokens.attackerKey()).sign();
        double before = checks();

        for (int i = 0; i < 10; i++) {
            given().auth().oauth2(token).get("/api/users/me").then().statusCode(200);
            given().auth().oauth2(forged).get("/api/users/me").then().statusCode(401);
        }

        assertThat(checks() - before).as("full verifications: the good token once, the forged one each time")
                .isEqualTo(11.0);
        TestRevocations.key(redis, me.toString(), sid);
        given().auth().oauth2(token).get("/api/users/me").then().statusCode(401);
    }

    private double checks() {
        return registry.counter("palisade.token.signature.checks").count();
    }
}
