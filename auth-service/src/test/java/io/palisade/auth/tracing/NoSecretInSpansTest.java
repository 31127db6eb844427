package io.palisade.auth.tracing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.MailCatcher;
import io.palisade.auth.support.Session;
import io.palisade.auth.support.Totps;
import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.testing.CapturedSpans;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every span of a login (failed, then with its second factor), a refresh, a reset mail's delivery and its
 * confirmation, as the OTLP
 * exporter would send them: named by route template, carrying the request id, the account and the security
 * events, and not one password, token, code, email or query string, not even one an attacker put in the URL.
 */
@QuarkusTest
@TestProfile(CapturedSpans.Traced.class)
@QuarkusTestResource(UserServiceStandIn.class)
@QuarkusTestResource(MailCatcher.class)
class NoSecretInSpansTest {

    private static final String NEW_PASSWORD = "Harbour-Quartz-Lantern-77!";
    private static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("palisade.request_id");
    private static final AttributeKey<String> ACCOUNT_ID = AttributeKey.stringKey("palisade.account_id");
    private static final AttributeKey<String> MAIL_KIND = AttributeKey.stringKey("palisade.mail.kind");

    @BeforeEach
    void forgetEarlierSpans() {
        CapturedSpans.EXPORTER.reset();
    }

    @Test
    void loginSecondFactorRefreshAndResetSayNothingSecret() {
        AuthTestSupport.Credentials user = AuthTestSupport.register();
        MailCatcher.await(user.email(), 1, Duration.ofSeconds(10));
        Totps.Enrolled factor = Totps.enrol(Session.login(user, null), user.password());
        Totps.awaitFreshStep();
        CapturedSpans.EXPORTER.reset();
        List<String> secrets = new ArrayList<>(List.of(user.email(), user.password(), "Wrong-" + user.password()));

        String queryToken = "query-borne-token-" + user.id();
        secrets.add(queryToken);
        given().contentType(ContentType.JSON).header("X-Request-Id", "traced-failed-login")
                .body(Map.of("email", user.email(), "password", "Wrong-" + user.password()))
                .post("/api/auth/login?token=" + queryToken).then().statusCode(401);
        // A body a parser chokes on: its error message quotes the token it could not read.
        String unquoted = "UnquotedSecret" + user.id().replace("-", "");
        secrets.add(unquoted);
        given().contentType(ContentType.JSON).body("{\"email\": \"" + user.email() + "\", \"password\": " + unquoted + "}")
                .post("/api/auth/login").then().statusCode(400);
        String mfaToken = Totps.passwordStep(user, null);
        String code = Totps.code(factor.secret(), 1);
        Response completed = Totps.codeStep(mfaToken, "code", code);
        completed.then().statusCode(200);
        String refreshToken = completed.getCookie("refresh_token");
        String csrf = completed.path("csrfToken");
        Response refreshed = AuthTestSupport.refresh(refreshToken, csrf);
        refreshed.then().statusCode(200);
        secrets.addAll(List.of(mfaToken, completed.path("accessToken"), refreshToken, csrf,
                completed.getCookie("device_token"), refreshed.path("accessToken"), refreshed.getCookie("refresh_token"),
                refreshed.path("csrfToken")));
        secrets.addAll(factor.recoveryCodes());

        given().contentType(ContentType.JSON).body(Map.of("email", user.email())).post("/api/auth/password-reset")
                .then().statusCode(202);
        String resetToken = MailCatcher.token(MailCatcher.await(user.email(), 2, Duration.ofSeconds(10)));
        given().contentType(ContentType.JSON).body(Map.of("token", resetToken, "newPassword", NEW_PASSWORD))
                .post("/api/auth/password-reset/confirm").then().statusCode(204);
        secrets.addAll(List.of(resetToken, NEW_PASSWORD));

        List<SpanData> spans = CapturedSpans.awaitUntil(all -> server(all, "POST /api/auth/password-reset/confirm") != null
                && server(all, "POST /api/auth/refresh") != null
                && all.stream().anyMatch(span -> "reset-password".equals(span.getAttributes().get(MAIL_KIND))));

        SpanData failed = spans.stream().filter(span -> "traced-failed-login".equals(span.getAttributes().get(REQUEST_ID)))
                .findFirst().orElseThrow();
        assertThat(failed.getName()).isEqualTo("POST /api/auth/login");
        assertThat(failed.getEvents()).anySatisfy(event -> assertThat(event.getName()).isEqualTo("palisade.security.login_failed"));
        assertThat(failed.getAttributes().get(ACCOUNT_ID)).isEqualTo(user.id());
        assertThat(spans).as("database spans inside the login's trace").anySatisfy(span -> {
            assertThat(span.getTraceId()).isEqualTo(failed.getTraceId());
            assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(span.getAttributes().asMap().keySet().stream().map(AttributeKey::getKey)).contains("db.statement");
        });
        assertThat(spans).as("the reset mail's SMTP exchange").anySatisfy(span -> {
            assertThat(span.getName()).isEqualTo("smtp send");
            assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(span.getAttributes().get(MAIL_KIND)).isEqualTo("reset-password");
        });
        assertThat(server(spans, "POST /api/auth/login/mfa").getEvents())
                .anySatisfy(event -> assertThat(event.getName()).isEqualTo("palisade.security.login_succeeded"));

        CapturedSpans.assertNoneSays(spans, secrets);
        Pattern codeAlone = Pattern.compile("(?<![0-9A-Fa-f])" + code + "(?![0-9A-Fa-f])");
        assertThat(CapturedSpans.everythingSaid(spans)).as("the TOTP code").noneMatch(value -> codeAlone.matcher(value).find());
    }

    private static SpanData server(List<SpanData> spans, String name) {
        return spans.stream().filter(span -> span.getKind() == SpanKind.SERVER && name.equals(span.getName()))
                .findFirst().orElse(null);
    }
}
