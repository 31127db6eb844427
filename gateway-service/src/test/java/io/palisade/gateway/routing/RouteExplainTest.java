package io.palisade.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import io.palisade.gateway.support.Upstreams;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** "Which policy does this request get?": the table and its decision for one request, on the management port only. */
@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class RouteExplainTest {

    @TestHTTPResource(value = "/gateway/routes", management = true)
    URL routes;

    @TestHTTPResource(value = "/gateway/routes/match", management = true)
    URL match;

    @Test
    void theTableListsPalisadesRoutesAndTheOperatorsWithTheirPolicies() {
        given().get(routes).then().statusCode(200).contentType("application/json")
                .body("routes.name", hasItems("login", "auth", "users", "orders", "ordersadmin", "catalog"))
                .body("routes.find { it.name == 'catalog' }.policy.limit", equalTo(9))
                .body("routes.find { it.name == 'catalog' }.cost", equalTo(3))
                .body("routes.find { it.name == 'login' }.policy.whenRedisDown", equalTo("closed"))
                .body("routes.find { it.name == 'users' }.policy.key", equalTo("user"));
    }

    @Test
    void aRequestIsExplainedAsTheTableDecidesIt() {
        explain("GET", "/api/orders/admin/%72eport").then().statusCode(200)
                .body("canonicalPath", equalTo("/api/orders/admin/report"))
                .body("route.name", equalTo("ordersadmin")).body("route.roles", hasItems("admin"));
        explain("POST", "/api/auth/login").then().body("route.name", equalTo("login"))
                .body("route.policy.name", equalTo("login"));
        explain("GET", "/api/auth/login").then().body("route.name", equalTo("auth"));
        explain("DELETE", "/api/orders/7").then().body("route", nullValue()).body("refused.status", equalTo(405))
                .body("refused.allow", hasItems("GET", "POST"));
        explain("GET", "/api/orders;x=1/7").then().body("refused.status", equalTo(400));
        explain("GET", "/internal/profiles/7").then().body("refused.status", equalTo(404));
    }

    @Test
    void aQuestionWithoutMethodOrPathIsA400() {
        given().get(match).then().statusCode(400).contentType("application/problem+json");
        given().queryParam("method", "get").queryParam("path", "/api/x").get(match).then().statusCode(400);
    }

    @Test
    void thePublicPortDoesNotAnswerIt() {
        given().get("/q/gateway/routes").then().statusCode(404);
    }

    private Response explain(String method, String path) {
        return given().urlEncodingEnabled(false).queryParam("method", method)
                .queryParam("path", URLEncoder.encode(path, StandardCharsets.UTF_8))
                .get(match);
    }
}
