package io.palisade.gateway.ratelimit;

import static io.restassured.RestAssured.given;

import io.palisade.gateway.support.RateLimitKeys;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Password-reset requests and verification mail share one recovery bucket per IP; the reset confirmation
 * is not in it.
 */
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class RecoveryPolicyTest {

    @BeforeEach
    void fullBuckets() {
        RateLimitKeys.clear();
    }

    @Test
    void passwordResetAndVerificationMailShareOneRecoveryBucketPerIp() {
        for (int i = 0; i < 5; i++) {
            given().contentType("application/json").body("{}")
                    .post(i % 2 == 0 ? "/api/auth/password-reset" : "/api/auth/email/verification")
                    .then().statusCode(200).header("RateLimit-Policy", "\"recovery\";q=5;w=3600");
        }
        given().contentType("application/json").body("{}").post("/api/auth/password-reset").then().statusCode(429);
        given().contentType("application/json").body("{}").post("/api/auth/email/verification").then().statusCode(429);
        given().contentType("application/json").body("{}").post("/api/auth/password-reset/confirm").then().statusCode(200)
                .header("RateLimit-Policy", "\"auth\";q=30;w=60");
    }
}
