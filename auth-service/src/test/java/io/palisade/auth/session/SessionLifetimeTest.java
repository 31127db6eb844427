package io.palisade.auth.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.Session;
import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.testing.Eventually;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A session ends after its idle timeout (refresh-token-ttl, P7D, without a refresh) and in any case its absolute
 * lifetime (P30D) after its login, however often it was refreshed (ASVS 7.3.2). A refresh past either is a 401
 * that revokes the family, so the access tokens it minted last die with it; the refresh cookie never outlives the
 * session, and the session list says when each session ends.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class SessionLifetimeTest {

    private static final Pattern MAX_AGE = Pattern.compile("refresh_token=[^;]+; Path=[^;]+; Max-Age=(\\d+)");

    @Inject
    Pool pool;

    @Test
    void anIdleSessionIsRefusedAndItsAccessTokensDie() {
        Session session = Session.login();
        session.bearer().get("/api/auth/sessions").then().statusCode(200);
        session.updateFamilies(pool, "expires_at = now() - interval '1 second'");

        refusedWithoutACookie(session);
        assertThat(session.tokensIssued(pool)).isEqualTo(1);
        assertThat(session.revokedFamilies(pool)).isEqualTo(1);
        Eventually.within(Duration.ofSeconds(2), "the last access token refused",
                () -> session.bearer().get("/api/auth/sessions").statusCode() == 401);
    }

    @Test
    void aSessionRefreshedEveryDayStillEndsItsAbsoluteLifetimeAfterItsLogin() {
        Session session = Session.login();
        // Logged in 30 days ago and refreshed a moment ago: its idle expiry is a week away.
        session.updateFamilies(pool, "created_at = now() - interval '30 days' - interval '1 second', "
                + "expires_at = now() + interval '7 days'");

        refusedWithoutACookie(session);
        assertThat(session.revokedFamilies(pool)).isEqualTo(1);
    }

    @Test
    void nearItsAbsoluteEndARefreshedCookieReachesNoFurther() {
        Session session = Session.login();
        session.updateFamilies(pool, "created_at = now() - interval '29 days'");

        Response refreshed = AuthTestSupport.refresh(session.refresh(), session.csrf());
        refreshed.then().statusCode(200);
        long maxAge = maxAge(refreshed.getHeaders().getValues("Set-Cookie").toString());
        assertThat(maxAge).isBetween(Duration.ofDays(1).toSeconds() - 60, Duration.ofDays(1).toSeconds());

        Session next = new Session(session.accountId(), refreshed.getCookie("refresh_token"), session.csrf(),
                refreshed.path("accessToken"));
        Instant expiresAt = Instant.parse(next.bearer().get("/api/auth/sessions").then().statusCode(200)
                .extract().path("items[0].expiresAt"));
        assertThat(Duration.between(Instant.now(), expiresAt)).isBetween(Duration.ofDays(1).minusMinutes(1),
                Duration.ofDays(1));
    }

    @Test
    void aFreshLoginsCookieAndListingEndWithItsIdleTimeout() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        Response login = AuthTestSupport.login(user.email(), user.password(), null);
        login.then().statusCode(200);
        assertThat(maxAge(login.getHeaders().getValues("Set-Cookie").toString()))
                .isBetween(Duration.ofDays(7).toSeconds() - 60, Duration.ofDays(7).toSeconds());
        Instant expiresAt = Instant.parse(given().auth().oauth2(login.path("accessToken"))
                .get("/api/auth/sessions").then().statusCode(200)
                .extract().path("items[0].expiresAt"));
        assertThat(Duration.between(Instant.now(), expiresAt)).isBetween(Duration.ofDays(7).minusMinutes(1),
                Duration.ofDays(7));
    }

    private void refusedWithoutACookie(Session session) {
        AuthTestSupport.refresh(session.refresh(), session.csrf()).then().statusCode(401)
                .contentType("application/problem+json").body("type", equalTo("urn:palisade:problem:unauthenticated"))
                .header("Set-Cookie", nullValue());
    }

    private static long maxAge(String setCookies) {
        Matcher matcher = MAX_AGE.matcher(setCookies);
        assertThat(matcher.find()).as(setCookies).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
