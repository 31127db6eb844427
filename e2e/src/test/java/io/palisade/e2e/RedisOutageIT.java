package io.palisade.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.palisade.e2e.Accounts.Account;
import io.palisade.e2e.Accounts.Session;
import io.restassured.response.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Redis stops mid-run: logins fail closed, fast; the api policy fails open; everything recovers by itself
 * when Redis is back, with no restart of any service.
 */
@ExtendWith(PalisadeSuite.class)
class RedisOutageIT {

    @Test
    void failsLoginClosedAndTheApiOpenWhileRedisIsDownThenRecover() {
        PalisadeSuite.Running suite = PalisadeSuite.get();
        Account account = Accounts.register("Weathers the storm");
        Session session = Accounts.login(account);
        session.bearer().get("/api/users/me").then().statusCode(200).header("RateLimit", notNullValue());

        suite.stopRedis();
        try {
            long started = System.nanoTime();
            Response login = Accounts.loginResponse(account.email(), account.password(), null);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            login.then().statusCode(503).contentType("application/problem+json").header("Retry-After", notNullValue());
            assertThat(took).as("a Redis outage answers within its timeout, never a hang").isLessThan(Duration.ofSeconds(5));

            session.bearer().get("/api/users/me").then().statusCode(200).header("RateLimit", nullValue());
        } finally {
            suite.startRedis();
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                Accounts.loginResponse(account.email(), account.password(), null).then().statusCode(200)
                        .header("RateLimit", notNullValue()));
        session.bearer().get("/api/users/me").then().statusCode(200).header("RateLimit", notNullValue());
    }
}
