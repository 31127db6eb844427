package io.palisade.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;

import io.palisade.common.testing.TestTokens;
import io.palisade.e2e.Accounts.Account;
import io.palisade.e2e.Accounts.Session;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A team's own services behind the gateway by configuration only, driven through the gateway as a frontend and
 * as an attacker drive them: examples/quarkus-orders (which depends on Palisade's common) and
 * examples/express-notes (Express and jose). Each answers the same questions: the same contract, whatever stack
 * the service is written in.
 */
@ExtendWith(PalisadeSuite.class)
class OwnServiceBehindTheGatewayIT {

    /** One example service: where the gateway routes it, a body it takes, and its policy as PalisadeSuite sets it. */
    enum OwnService {
        QUARKUS_ORDERS("/api/orders", Map.of("item", "lamp", "quantity", 2), "item", "\"orders\";q=1000;w=86400", 2),
        EXPRESS_NOTES("/api/notes", Map.of("text", "buy a lamp"), "text", "\"notes\";q=2000;w=86400", 5);

        final String base;
        final Map<String, Object> sample;
        final String shown;
        final String policy;
        final int cost;

        OwnService(String base, Map<String, Object> sample, String shown, String policy, int cost) {
            this.base = base;
            this.sample = sample;
            this.shown = shown;
            this.policy = policy;
            this.cost = cost;
        }
    }

    @ParameterizedTest
    @EnumSource(OwnService.class)
    void anObjectIsItsOwnersAndAnAdminsAndNobodyElses(OwnService service) {
        Session alice = Accounts.login(Accounts.register("Alice Owner"));
        Session bob = Accounts.login(Accounts.register("Bob Stranger"));
        String id = alice.bearer().contentType(ContentType.JSON).body(service.sample).post(service.base)
                .then().statusCode(201).extract().path("id");
        String one = service.base + "/" + id;

        alice.bearer().get(one).then().statusCode(200).body(service.shown, equalTo(service.sample.get(service.shown)));
        bob.bearer().get(one).then().statusCode(404).contentType("application/problem+json");
        bob.bearer().get(service.base + "/" + UUID.randomUUID()).then().statusCode(404);
        bob.bearer().get(service.base + "/not-an-id").then().statusCode(400);
        Accounts.login(PalisadeSuite.ADMIN_EMAIL, PalisadeSuite.ADMIN_PASSWORD).bearer().get(one).then().statusCode(200);
        // An owner named by the client is a field the service does not take: strict JSON, no mass assignment.
        Map<String, Object> claimingOwner = new LinkedHashMap<>(service.sample);
        claimingOwner.put("owner", alice.accessToken());
        bob.bearer().contentType(ContentType.JSON).body(claimingOwner).post(service.base).then().statusCode(400);
    }

    @ParameterizedTest
    @EnumSource(OwnService.class)
    void withoutAValidUserTokenTheEdgeAnswersAndTheServiceIsNeverAsked(OwnService service) {
        Accounts.gateway().get(service.base).then().statusCode(401).header("WWW-Authenticate", equalTo("Bearer"));
        for (String forged : TestTokens.forgeries(UUID.randomUUID()).values()) {
            Accounts.gateway().auth().oauth2(forged).get(service.base).then().statusCode(401)
                    .header("WWW-Authenticate", equalTo("Bearer error=\"invalid_token\""));
        }
    }

    @ParameterizedTest
    @EnumSource(OwnService.class)
    void anEndedSessionIsRefusedAtTheEdgeWithinTwoSeconds(OwnService service) throws InterruptedException {
        Account account = Accounts.register("Ending Session");
        Session ending = Accounts.login(account);
        ending.bearer().get(service.base).then().statusCode(200);
        ending.bearer().delete("/api/auth/sessions").then().statusCode(204);
        long ended = System.nanoTime();
        while (ending.bearer().get(service.base).statusCode() != 401) {
            assertThat(Duration.ofNanos(System.nanoTime() - ended)).isLessThan(Duration.ofSeconds(2));
            Thread.sleep(10);
        }
    }

    @ParameterizedTest
    @EnumSource(OwnService.class)
    void itsAnswersCarryThePolicyAtItsCostAndTheEdgesHeaders(OwnService service) {
        Session carol = Accounts.login(Accounts.register("Carol Headers"));
        Response first = carol.bearer().header("Origin", PalisadeSuite.FRONTEND_ORIGIN).get(service.base);
        first.then().statusCode(200)
                .header("RateLimit-Policy", equalTo(service.policy))
                .header("Access-Control-Allow-Origin", equalTo(PalisadeSuite.FRONTEND_ORIGIN))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("X-Request-Id", matchesPattern("[A-Za-z0-9._:-]{1,64}"));
        // Day-long buckets refill a unit every 43 s or slower: the next request finds exactly `cost` units fewer.
        long left = remaining(first);
        assertThat(remaining(carol.bearer().get(service.base))).isEqualTo(left - service.cost);
    }

    @Test
    void aRouteForAdminsIsRefusedAtTheEdgeBeforeTheServiceIsAsked() {
        Session dave = Accounts.login(Accounts.register("Dave Not Admin"));
        // The service's own refusal says "Only an admin lists every note."; this one is the gateway's.
        dave.bearer().get("/api/notes/all").then().statusCode(403).contentType("application/problem+json")
                .body("detail", equalTo("This route needs a role the token does not carry."));
        Accounts.login(PalisadeSuite.ADMIN_EMAIL, PalisadeSuite.ADMIN_PASSWORD).bearer().get("/api/notes/all")
                .then().statusCode(200);
    }

    @Test
    void aRouteWhoseServiceIsDownIsA502Problem() {
        given().baseUri(PalisadeSuite.get().gateway()).get("/api/gone/anything").then().statusCode(502)
                .contentType("application/problem+json").body("type", equalTo("urn:palisade:problem:bad-gateway"));
    }

    @Test
    void aRouteWhoseServiceNeverAnswersIsA504ProblemAtItsResponseTimeout() {
        long started = System.nanoTime();
        given().baseUri(PalisadeSuite.get().gateway()).get("/api/slow/report").then().statusCode(504)
                .contentType("application/problem+json").body("type", equalTo("urn:palisade:problem:gateway-timeout"))
                .time(lessThan(5_000L));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    private static long remaining(Response response) {
        String state = response.header("RateLimit");
        return Long.parseLong(state.replaceAll(".*;r=(\\d+);.*", "$1"));
    }
}
