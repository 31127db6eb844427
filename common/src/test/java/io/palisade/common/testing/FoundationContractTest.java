package io.palisade.common.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.response.Response;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The contract every service keeps (API.md "Errors" and "Topology"). Each service's test suite runs it
 * against itself by extending this class with {@code @QuarkusTest}.
 */
public abstract class FoundationContractTest {

    // Injected relative to the management root path, /q.
    @TestHTTPResource(value = "/", management = true)
    URL managementRoot;

    /** The management interface's root, such as {@code http://localhost:9001/q}. */
    protected String managementRoot() {
        return managementRoot.toString().replaceFirst("/$", "");
    }

    @Test
    void answersAnUnknownPathWithAProblemDocument() {
        given().when().get("/no/such/route")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:palisade:problem:not-found"))
                .body("title", equalTo("Not found"))
                .body("status", equalTo(404))
                .body("detail", not(emptyOrNullString()))
                .body("instance", equalTo("/no/such/route"))
                .body("requestId", not(emptyOrNullString()))
                .header("X-Request-Id", not(emptyOrNullString()));
    }

    @Test
    void echoesAWellFormedRequestId() {
        given().header("X-Request-Id", "trace-42:a.b_c-d")
                .when().get("/no/such/route")
                .then().statusCode(404)
                .header("X-Request-Id", "trace-42:a.b_c-d")
                .body("requestId", equalTo("trace-42:a.b_c-d"));
    }

    @Test
    void replacesAMalformedRequestId() {
        String forged = "x".repeat(65);
        Response response = given().header("X-Request-Id", forged).when().get("/no/such/route");
        response.then().statusCode(404)
                .header("X-Request-Id", not(equalTo(forged)))
                .header("X-Request-Id", matchesPattern("[A-Za-z0-9._:-]{1,64}"));
        given().header("X-Request-Id", "evil<script>").when().get("/no/such/route")
                .then().header("X-Request-Id", not(equalTo("evil<script>")));
    }

    @Test
    void servesNeitherHealthNorMetricsOnThePublicPort() {
        for (String path : new String[] {"/q/health", "/q/health/ready", "/q/health/live", "/q/metrics",
                "/q/openapi"}) {
            given().when().get(path).then().statusCode(404).contentType("application/problem+json");
        }
    }

    @Test
    void servesHealthAndMetricsOnTheManagementPort() throws InterruptedException {
        // Readiness may trail start-up by a moment (the gateway first installs its framing guard); a kubelet
        // polls it, and so does this test, within a bound.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (given().when().get(managementRoot() + "/health/ready").statusCode() != 200
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        given().when().get(managementRoot() + "/health/ready").then().statusCode(200).body("status", is("UP"));
        given().when().get(managementRoot() + "/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("palisade_security_events_total"));
    }

    @Test
    void doesNotNameTheServerSoftware() {
        given().when().get("/no/such/route").then()
                .header("Server", nullValue())
                .header("X-Powered-By", nullValue())
                .header("X-Request-Id", notNullValue());
    }
}
