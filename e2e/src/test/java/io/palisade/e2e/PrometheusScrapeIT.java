package io.palisade.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real Prometheus (Debian's package) scrapes the three management ports: every target is up, and the
 * security-event counters, HTTP histograms and JVM metrics are there; promtool finds nothing to say about
 * Palisade's own metric families, and accepts the chart's alert rules.
 */
@ExtendWith(PalisadeSuite.class)
class PrometheusScrapeIT {

    private static final Path ROOT = Path.of(System.getProperty("palisade.root", ".."));
    private static final Path WORK = ROOT.resolve("e2e/target/prometheus");
    private static Process prometheus;
    private static int port;

    @BeforeAll
    static void startPrometheus() throws IOException {
        PalisadeSuite.Running suite = PalisadeSuite.get();
        Files.createDirectories(WORK);
        Path config = WORK.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: gateway-service
                    metrics_path: /q/metrics
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                  - job_name: auth-service
                    metrics_path: /q/metrics
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                  - job_name: user-service
                    metrics_path: /q/metrics
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(suite.gatewayManagementPort, suite.authManagementPort, suite.userManagementPort));
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        prometheus = new ProcessBuilder("prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + WORK.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(WORK.resolve("prometheus.log").toFile()).start();
    }

    @AfterAll
    static void stopPrometheus() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void scrapesEveryServiceWithItsSecurityHttpAndJvmMetrics() {
        Accounts.login(Accounts.register("Scraped"));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonPath targets = given().baseUri("http://127.0.0.1:" + port).get("/api/v1/targets").jsonPath();
            List<String> health = targets.getList("data.activeTargets.health");
            assertThat(health).hasSize(3).containsOnly("up");
        });
        for (String query : List.of("palisade_security_events_total{event=\"login_succeeded\"}",
                "http_server_requests_seconds_count", "jvm_memory_used_bytes")) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                List<Object> instances = given().baseUri("http://127.0.0.1:" + port).queryParam("query", "count by (instance) (" + query + ")")
                        .get("/api/v1/query").jsonPath().getList("data.result");
                assertThat(instances).as(query).isNotEmpty();
            });
        }
    }

    /**
     * The chart's Grafana dashboard, against this Prometheus: the JSON has what Grafana requires of a dashboard and
     * each panel, and every panel's every query, after real traffic (a login, a wrong password, a 502), returns
     * data. A typo in a metric or label name, or a series that does not exist, fails here rather than as an empty
     * panel in production. Scraped per service, as the chart's ServiceMonitors make one job per service.
     */
    @Test
    void everyDashboardPanelsQueryReturnsData() throws IOException {
        Accounts.Account account = Accounts.register("Dashboard");
        Accounts.login(account);
        Accounts.loginResponse(account.email(), "Wrong-" + account.password(), null).then().statusCode(401);
        given().baseUri(PalisadeSuite.get().gateway()).get("/api/gone/dashboard").then().statusCode(502);

        JsonPath dashboard = JsonPath.from(Files.readString(ROOT.resolve("helm/palisade/dashboards/palisade.json")));
        for (String field : List.of("uid", "title", "schemaVersion", "panels")) {
            assertThat(dashboard.<Object>get(field)).as("dashboard." + field).isNotNull();
        }
        List<Map<String, Object>> panels = dashboard.getList("panels");
        assertThat(panels).hasSizeGreaterThanOrEqualTo(12);
        assertThat(panels.stream().map(panel -> panel.get("id")).distinct()).hasSameSizeAs(panels);
        for (int i = 0; i < panels.size(); i++) {
            String panel = "panels[" + i + "]";
            for (String field : List.of("id", "type", "title", "gridPos.h", "gridPos.w", "gridPos.x", "gridPos.y",
                    "datasource.uid", "targets")) {
                assertThat(dashboard.<Object>get(panel + "." + field)).as(panel + "." + field).isNotNull();
            }
            List<Map<String, Object>> targets = dashboard.getList(panel + ".targets");
            assertThat(targets).as(panel + " queries").isNotEmpty();
            for (Map<String, Object> target : targets) {
                assertThat(target.get("refId")).as(panel + " refId").isNotNull();
                String expr = ((String) target.get("expr")).replace("$__rate_interval", "1m");
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                    JsonPath answer = given().baseUri("http://127.0.0.1:" + port).queryParam("query", expr)
                            .get("/api/v1/query").jsonPath();
                    assertThat(answer.getString("status")).as(expr).isEqualTo("success");
                    assertThat(answer.getList("data.result")).as(dashboard.getString(panel + ".title") + ": " + expr)
                            .isNotEmpty();
                });
            }
        }
    }

    @Test
    void givesPromtoolNothingToSayAboutPalisadesOwnMetrics() throws Exception {
        PalisadeSuite.Running suite = PalisadeSuite.get();
        for (int managementPort : new int[] {suite.gatewayManagementPort, suite.authManagementPort,
                suite.userManagementPort}) {
            // promtool reads the classic text format; the endpoint serves OpenMetrics unless asked for it.
            String exposition = given().header("Accept", "text/plain; version=0.0.4; charset=utf-8")
                    .get("http://127.0.0.1:" + managementPort + "/q/metrics").asString();
            String ours = exposition.lines()
                    .filter(line -> line.startsWith("palisade_") || line.matches("# (HELP|TYPE) palisade_.*"))
                    .collect(Collectors.joining("\n", "", "\n"));
            assertThat(ours).contains("palisade_security_events_total");
            Result lint = run(ours, "promtool", "check", "metrics");
            assertThat(lint.exitCode).as(lint.output).isZero();
            assertThat(lint.output.strip()).as("promtool findings on port " + managementPort).isEmpty();
        }
    }

    @Test
    void passesPromtoolOnTheChartsAlertRules() throws Exception {
        Path rules = ROOT.resolve("helm/palisade/files/prometheus-rules.yaml");
        Result check = run("", "promtool", "check", "rules", rules.toString());
        assertThat(check.exitCode).as(check.output).isZero();
        assertThat(check.output).contains("SUCCESS");
    }

    private static Result run(String stdin, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String output) {}
}
