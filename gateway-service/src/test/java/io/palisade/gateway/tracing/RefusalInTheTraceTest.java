package io.palisade.gateway.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.palisade.common.testing.CapturedSpans;
import io.palisade.gateway.support.Logins;
import io.palisade.gateway.support.RateLimitKeys;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request the gateway refuses shows why in its trace: the 429's span, named by its route, carries the
 * rate-limit rejection as a span event with the policy, and no call upstream.
 */
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
@TestProfile(CapturedSpans.Traced.class)
class RefusalInTheTraceTest {

    @BeforeEach
    void fresh() {
        RateLimitKeys.clear();
        CapturedSpans.EXPORTER.reset();
    }

    @Test
    void aRateLimitedRequestsSpanCarriesTheRejection() {
        for (int i = 0; i < 5; i++) {
            Logins.post(null).then().statusCode(200);
        }
        String refused = Logins.post(null).then().statusCode(429).extract().header("X-Request-Id");

        List<SpanData> spans = CapturedSpans.awaitUntil(all -> all.stream().anyMatch(span -> isServer(span, refused)));
        SpanData span = spans.stream().filter(candidate -> isServer(candidate, refused)).findFirst().orElseThrow();
        assertThat(span.getName()).isEqualTo("POST /api/auth/login");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("palisade.route"))).isEqualTo("login");
        assertThat(span.getEvents()).anySatisfy(event -> {
            assertThat(event.getName()).isEqualTo("palisade.security.rate_limit_rejected");
            assertThat(event.getAttributes().get(AttributeKey.stringKey("detail"))).isEqualTo("login");
        });
        assertThat(spans).as("nothing went upstream for the refused request").noneMatch(candidate ->
                candidate.getKind() == SpanKind.CLIENT && candidate.getParentSpanId().equals(span.getSpanId())
                        && !"redis".equals(candidate.getAttributes().get(AttributeKey.stringKey("db.system"))));
    }

    private static boolean isServer(SpanData span, String requestId) {
        return span.getKind() == SpanKind.SERVER
                && requestId.equals(span.getAttributes().get(AttributeKey.stringKey("palisade.request_id")));
    }
}
