package io.palisade.user.tracing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.palisade.common.testing.CapturedSpans;
import io.palisade.common.testing.TestTokens;
import io.palisade.user.support.AuthServiceStandIn;
import io.palisade.user.support.Pngs;
import io.palisade.user.support.Profiles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every span of an avatar upload, decoded on the decoding pool, as the OTLP exporter would send it: one trace
 * from the request to the database, named by route template, with the account, and without the bearer token,
 * the email or anything put in the query string.
 */
@QuarkusTest
@TestProfile(CapturedSpans.Traced.class)
@QuarkusTestResource(AuthServiceStandIn.class)
class NoSecretInSpansTest {

    @Test
    void anAvatarUploadSaysNothingSecret() {
        UUID me = Profiles.create("Traced");
        CapturedSpans.EXPORTER.reset();
        String token = TestTokens.user(me).sign();
        String signature = "upload-signature-" + UUID.randomUUID();

        given().auth().oauth2(token).header("X-Request-Id", "traced-avatar").contentType("image/png")
                .body(Pngs.blank(64, 64, 8, Pngs.RGBA)).put("/api/users/me/avatar?sig=" + signature)
                .then().statusCode(204);

        List<SpanData> spans = CapturedSpans.awaitUntil(all -> all.stream().anyMatch(span ->
                span.getKind() == SpanKind.SERVER && "PUT /api/users/me/avatar".equals(span.getName())));
        SpanData upload = spans.stream().filter(span -> "PUT /api/users/me/avatar".equals(span.getName()))
                .findFirst().orElseThrow();
        assertThat(upload.getAttributes().get(AttributeKey.stringKey("palisade.request_id"))).isEqualTo("traced-avatar");
        assertThat(upload.getAttributes().get(AttributeKey.stringKey("palisade.account_id"))).isEqualTo(me.toString());
        assertThat(spans).as("the avatar's database write, in the upload's trace").anySatisfy(span -> {
            assertThat(span.getTraceId()).isEqualTo(upload.getTraceId());
            assertThat(span.getParentSpanId()).isEqualTo(upload.getSpanId());
            assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(span.getAttributes().get(AttributeKey.stringKey("db.statement"))).isNotBlank();
        });
        CapturedSpans.assertNoneSays(spans, List.of(token, signature, "p-" + me + "@palisade.test"));
    }
}
