package io.palisade.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.testing.RawHttp;
import io.palisade.common.testing.TestTokens;
import io.palisade.gateway.support.RateLimitKeys;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.http.HttpMethod;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The gateway and the services read one path two ways: the route table decides route and rate-limit policy,
 * the service's router decides which resource answers. For every route of the corpus and every variant of
 * its path (percent-encoded letters in either case, encoded unreserved punctuation, trailing and doubled
 * slashes, dot segments, matrix parameters), the gateway either refuses the path or decides exactly what it
 * decides for the path a router decodes it to; and what it forwards is that decoded path, so the upstream
 * reads the same thing.
 */
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class PathDifferentialTest {

    record Entry(HttpMethod method, String path, String route, String policy) {
    }

    record Variant(String raw, boolean encodingOnly) {
    }

    @Inject
    RouteTable table;

    @Test
    void everyVariantIsRefusedOrMeansWhatTheUpstreamReads() {
        int checked = 0;
        for (Entry entry : corpus()) {
            for (Variant variant : variants(entry.path())) {
                RouteTable.Decision decision = table.route(entry.method(), variant.raw());
                String decoded = asARouterReadsIt(variant.raw());
                if (variant.encodingOnly()) {
                    // Only unreserved characters are encoded: the same resource, so never refused, never another policy.
                    assertThat(decision.route()).as(variant.raw()).isPresent();
                }
                if (decision.route().isPresent()) {
                    RouteTable.Decision plain = table.route(entry.method(), decoded);
                    assertThat(plain.route()).as("%s read by the upstream as %s", variant.raw(), decoded).isPresent();
                    assertThat(decision.route().get()).as(variant.raw()).isEqualTo(plain.route().get());
                    assertThat(decision.path()).as(variant.raw()).isEqualTo(decoded);
                    assertThat(decision.route().get().name()).as(variant.raw()).isEqualTo(entry.route());
                    assertThat(decision.route().get().policy().tag()).as(variant.raw()).isEqualTo(entry.policy());
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(1_000);
    }

    @Test
    void anEncodedLetterIsCountedUnderItsRoutesPolicyAndForwardedDecoded() {
        String token = TestTokens.user(UUID.randomUUID()).sign();
        for (Entry entry : corpus()) {
            String upper = encodeLastLetter(entry.path(), true);
            String lower = encodeLastLetter(entry.path(), false);
            for (String raw : List.of(upper, lower)) {
                RateLimitKeys.clear();
                int before = Upstreams.RECEIVED.size();
                RawHttp.Exchange exchange = RawHttp.exchange(RestAssured.port, entry.method() + " " + raw
                        + " HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", 5_000);

                assertThat(exchange.received()).as(raw)
                        .contains("RateLimit-Policy: \"" + entry.policy() + "\"");
                List<Upstreams.Received> received = Upstreams.RECEIVED.subList(before, Upstreams.RECEIVED.size());
                assertThat(received).as(raw).hasSize(1);
                assertThat(asARouterReadsIt(received.get(0).path())).as(raw).isEqualTo(entry.path());
            }
        }
    }

    @Test
    void theRootAndOtherWellFormedUnlistedPathsAre404() {
        given().get("/").then().statusCode(404).contentType("application/problem+json");
        given().get("/api").then().statusCode(404);
        given().get("/api/nothing").then().statusCode(404);
    }

    private static List<Variant> variants(String path) {
        List<Variant> variants = new ArrayList<>();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0) {
                String hex = String.format("%02X", (int) c);
                variants.add(new Variant(path.substring(0, i) + "%" + hex + path.substring(i + 1), true));
                variants.add(new Variant(path.substring(0, i) + "%" + hex.toLowerCase(Locale.ROOT) + path.substring(i + 1), true));
            }
            if (c == '/' && i > 0) {
                variants.add(new Variant(path.substring(0, i) + "//" + path.substring(i + 1), false));
                variants.add(new Variant(path.substring(0, i) + "/./" + path.substring(i + 1), false));
                variants.add(new Variant(path.substring(0, i) + "/x/../" + path.substring(i + 1), false));
                variants.add(new Variant(path.substring(0, i) + "/%2e%2e/" + path.substring(i + 1), false));
                variants.add(new Variant(path.substring(0, i) + ";x=1/" + path.substring(i + 1), false));
                variants.add(new Variant(path.substring(0, i) + "%3Bx/" + path.substring(i + 1), false));
                variants.add(new Variant(path.substring(0, i) + "%2F" + path.substring(i + 1), false));
                variants.add(new Variant(path.substring(0, i) + "%5C" + path.substring(i + 1), false));
                variants.add(new Variant(path.substring(0, i) + "\\" + path.substring(i + 1), false));
            }
        }
        variants.add(new Variant(path + "/", false));
        variants.add(new Variant(path + ";jsessionid=1", false));
        variants.add(new Variant(path + "/.", false));
        variants.add(new Variant(path + "%00", false));
        variants.add(new Variant(path + "%252e", false));
        return variants;
    }

    /** What a service's router matches: the path percent-decoded, with dot segments resolved (RFC 3986 5.2.4). */
    private static String asARouterReadsIt(String raw) {
        try {
            return URI.create(raw.replace("\\", "%5C")).normalize().getPath();
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    private static String encodeLastLetter(String path, boolean upper) {
        int i = path.length() - 1;
        while (!Character.isLetter(path.charAt(i))) {
            i--;
        }
        String hex = String.format("%02X", (int) path.charAt(i));
        return path.substring(0, i) + "%" + (upper ? hex : hex.toLowerCase(Locale.ROOT)) + path.substring(i + 1);
    }

    private static List<Entry> corpus() {
        try (InputStream in = PathDifferentialTest.class.getResourceAsStream("/routing/path-corpus.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split(" "))
                    .map(f -> new Entry(HttpMethod.valueOf(f[0]), f[1], f[2], f[3]))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("the path corpus is missing", e);
        }
    }
}
