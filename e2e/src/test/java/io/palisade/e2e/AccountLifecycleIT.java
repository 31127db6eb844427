package io.palisade.e2e;

import static io.palisade.e2e.Accounts.gateway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.palisade.e2e.Accounts.Account;
import io.palisade.e2e.Accounts.Session;
import io.restassured.http.ContentType;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One user's life through the gateway, as a frontend lives it: what the gateway adds over the module tests
 * (cookies, the CSRF header and binary bodies carried both ways, and calls that cross services).
 */
@ExtendWith(PalisadeSuite.class)
class AccountLifecycleIT {

    private static final String RFC3339_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";

    @Test
    void createsTheProfileAtRegistrationAndServesItWithTheAccessToken() {
        Account account = Accounts.register("  Ada Lovelace ");
        Session session = Accounts.login(account);

        session.bearer().get("/api/users/me").then().statusCode(200)
                .body("id", equalTo(account.id()))
                .body("email", equalTo(account.email()))
                .body("displayName", equalTo("Ada Lovelace"))
                .body("bio", nullValue())
                .body("avatarUrl", nullValue())
                .body("createdAt", matchesPattern(RFC3339_UTC))
                .body("updatedAt", matchesPattern(RFC3339_UTC));
    }

    @Test
    void setsTheThreeCookiesWithExactlyTheContractsAttributes() {
        Account account = Accounts.register("Cookie Monster");
        Response login = Accounts.loginResponse(account.email(), account.password(), null);
        login.then().statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900));

        Cookie refresh = login.getDetailedCookie("refresh_token");
        assertThat(refresh.isHttpOnly()).isTrue();
        assertThat(refresh.isSecured()).isTrue();
        assertThat(refresh.getSameSite()).isEqualTo("Strict");
        assertThat(refresh.getPath()).isEqualTo("/api/auth");
        assertThat(refresh.getMaxAge()).isEqualTo(604800L);

        Cookie csrf = login.getDetailedCookie("csrf_token");
        assertThat(csrf.isHttpOnly()).isFalse();
        assertThat(csrf.isSecured()).isTrue();
        assertThat(csrf.getSameSite()).isEqualTo("Strict");
        assertThat(csrf.getPath()).isEqualTo("/");
        assertThat(csrf.getValue()).isEqualTo(login.path("csrfToken"));

        Cookie device = login.getDetailedCookie("device_token");
        assertThat(device.isHttpOnly()).isTrue();
        assertThat(device.isSecured()).isTrue();
        assertThat(device.getPath()).isEqualTo("/api/auth/login");
        assertThat(device.getMaxAge()).isEqualTo(31536000L);
    }

    @Test
    void patchesTheProfileAndRefusesMassAssignment() {
        Account account = Accounts.register("Grace");
        Session session = Accounts.login(account);

        session.bearer().contentType(ContentType.JSON).body(Map.of("displayName", "Grace Hopper", "bio", "COBOL"))
                .patch("/api/users/me").then().statusCode(200)
                .body("displayName", equalTo("Grace Hopper")).body("bio", equalTo("COBOL"));
        session.bearer().contentType(ContentType.JSON).body(Map.of("bio", "x", "email", "evil@palisade.test"))
                .patch("/api/users/me").then().statusCode(400).contentType("application/problem+json");

        session.bearer().get("/api/users/me").then().statusCode(200)
                .body("email", equalTo(account.email())).body("bio", equalTo("COBOL"));
    }

    @Test
    void storesAReEncodedAvatarAndServesItSafely() throws IOException {
        Account account = Accounts.register("Pixel");
        Session session = Accounts.login(account);

        session.bearer().contentType("image/png").body(png()).put("/api/users/me/avatar").then().statusCode(204);

        session.bearer().get("/api/users/me").then().statusCode(200)
                .body("avatarUrl", equalTo("/api/users/" + account.id() + "/avatar"));
        byte[] served = session.bearer().get("/api/users/" + account.id() + "/avatar").then().statusCode(200)
                .contentType("image/png")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Disposition", "inline; filename=\"avatar.png\"")
                .header("Cache-Control", "private")
                .extract().asByteArray();
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(served)).getWidth()).isEqualTo(32);
    }

    @Test
    void rotatesTheRefreshTokenAndToleratesThePredecessorWithinTheLeeway() {
        Session session = Accounts.login(loginable());

        Response rotated = Accounts.refresh(session.refreshToken(), session.csrfToken());
        rotated.then().statusCode(200).body("csrfToken", equalTo(session.csrfToken()))
                .body("accessToken", not(equalTo(session.accessToken())));
        String newest = rotated.getCookie("refresh_token");
        assertThat(newest).isNotBlank().isNotEqualTo(session.refreshToken());

        // A second tab presents the token just rotated: a new access token, no new refresh cookie.
        Response secondTab = Accounts.refresh(session.refreshToken(), session.csrfToken());
        secondTab.then().statusCode(200).body("csrfToken", equalTo(session.csrfToken()));
        assertThat(secondTab.getCookie("refresh_token")).isNull();

        Accounts.refresh(newest, session.csrfToken()).then().statusCode(200);
    }

    @Test
    void refusesRefreshAndLogoutWithoutTheCsrfHeaderAndChangesNothing() {
        Session session = Accounts.login(loginable());

        gateway().cookie("refresh_token", session.refreshToken()).post("/api/auth/refresh")
                .then().statusCode(403).contentType("application/problem+json");
        gateway().cookie("refresh_token", session.refreshToken()).post("/api/auth/logout")
                .then().statusCode(403);
        Accounts.refresh(session.refreshToken(), "not-the-family-value").then().statusCode(403);

        gateway().cookie("refresh_token", session.refreshToken()).get("/api/auth/csrf")
                .then().statusCode(200).body("csrfToken", equalTo(session.csrfToken()));
        Accounts.refresh(session.refreshToken(), session.csrfToken()).then().statusCode(200);
    }

    @Test
    void logsOutClearingTheSessionCookiesButKeepingTheDevice() {
        Session session = Accounts.login(loginable());

        Response logout = gateway().cookie("refresh_token", session.refreshToken())
                .header("X-CSRF-Token", session.csrfToken()).post("/api/auth/logout");
        logout.then().statusCode(204);
        assertThat(logout.getDetailedCookie("refresh_token").getMaxAge()).isZero();
        assertThat(logout.getDetailedCookie("refresh_token").getPath()).isEqualTo("/api/auth");
        assertThat(logout.getDetailedCookie("csrf_token").getMaxAge()).isZero();
        assertThat(logout.getDetailedCookie("csrf_token").getPath()).isEqualTo("/");
        assertThat(logout.getDetailedCookie("device_token")).isNull();

        Accounts.refresh(session.refreshToken(), session.csrfToken()).then().statusCode(401);
    }

    @Test
    void deletesTheProfileTheCredentialsAndEverySession() {
        Account account = Accounts.register("Short-lived");
        Session session = Accounts.login(account);

        session.bearer().delete("/api/users/" + account.id()).then().statusCode(204);

        Accounts.loginResponse(account.email(), account.password(), null).then().statusCode(401);
        Accounts.refresh(session.refreshToken(), session.csrfToken()).then().statusCode(401);
    }

    private static Account loginable() {
        return Accounts.register("Tabby");
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 3, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
