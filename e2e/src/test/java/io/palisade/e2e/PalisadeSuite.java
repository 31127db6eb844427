package io.palisade.e2e;

import io.palisade.common.testing.FreePorts;
import io.palisade.common.testing.PackagedArtifact;
import io.palisade.common.testing.TestTokens;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The three packaged services, started once per test run as Kubernetes runs them (prod profile), against
 * the machine's PostgreSQL and a Redis of the suite's own (so a test can stop it), on free ports.
 */
public final class PalisadeSuite implements BeforeAllCallback {

    public static final String ADMIN_EMAIL = "root-admin@palisade.test";
    public static final String ADMIN_PASSWORD = "Bootstrap-Admin-Passphrase-7!";
    public static final String FRONTEND_ORIGIN = "http://localhost:5173";
    /** The address of the proxy the gateway trusts: a test binds its socket here to call as that proxy. */
    public static final String TRUSTED_PROXY = "127.0.0.2";

    private static Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (PalisadeSuite.class) {
            if (running == null) {
                running = Running.start();
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                        .put(PalisadeSuite.class, (ExtensionContext.Store.CloseableResource) running::stop);
            }
        }
    }

    public static Running get() {
        if (running == null) {
            throw new IllegalStateException("the suite is not running: annotate the test with @ExtendWith(PalisadeSuite.class)");
        }
        return running;
    }

    /** Ports and handles of a running suite. */
    public static final class Running {
        public final int gatewayPort = freePort();
        public final int authPort = freePort();
        public final int userPort = freePort();
        public final int gatewayManagementPort = freePort();
        public final int authManagementPort = freePort();
        public final int userManagementPort = freePort();
        public final int ordersPort = freePort();
        public final int ordersManagementPort = freePort();
        public final int notesPort = freePort();
        /** A port nothing listens on: the upstream of a route whose service is down. */
        public final int gonePort = freePort();
        public final int redisPort = freePort();
        public final int smtpPort = freePort();
        public final int inboxPort = freePort();
        public final int otlpPort = freePort();

        private final Path root = Path.of(System.getProperty("palisade.root", ".."));
        private final Path logs = root.resolve("e2e/target/e2e-logs");
        private final List<ManagedProcess> services = new ArrayList<>();
        private final Map<String, String> gatewayEnvironment = new LinkedHashMap<>();
        private ManagedProcess redis;
        private Inbox inbox;
        private SilentUpstream silent;
        private OtlpReceiver traces;

        static Running start() {
            Running suite = new Running();
            try {
                suite.boot();
            } catch (RuntimeException | IOException e) {
                suite.stop();
                throw new IllegalStateException("the suite did not start; logs under " + suite.logs + ": " + e.getMessage(), e);
            }
            return suite;
        }

        private void boot() throws IOException {
            Files.createDirectories(logs);
            redis = new ManagedProcess("redis", List.of("redis-server", "--port", Integer.toString(redisPort),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"), Map.of(), logs.resolve("redis.log"));
            startRedis();
            inbox = Inbox.start(smtpPort, inboxPort);
            traces = OtlpReceiver.start(otlpPort);

            Path key = logs.resolve("signing-key.pem");
            Files.writeString(key, TestTokens.resource("testkeys/signing-key.pem"));
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);

            Map<String, String> shared = new LinkedHashMap<>();
            shared.put("PALISADE_JWT_JWKS_URL", "http://127.0.0.1:" + authPort + "/.well-known/jwks.json");
            shared.put("QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:" + redisPort);
            // Every trace, exported within 200 ms, to the suite's own receiver (OneTraceAcrossTheSuiteIT).
            shared.put("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint());
            shared.put("QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            shared.put("PALISADE_TRACING_SAMPLING_RATIO", "1.0");
            shared.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "PT0.2S");

            Map<String, String> auth = new LinkedHashMap<>(shared);
            auth.putAll(ports(authPort, authManagementPort));
            auth.putAll(database("palisade_auth_e2e"));
            auth.put("PALISADE_AUTH_SIGNING_KEY_PRIVATE_KEY_FILE", key.toAbsolutePath().toString());
            auth.put("PALISADE_AUTH_CSRF_SECRET", HexFormat.of().formatHex(secret));
            new SecureRandom().nextBytes(secret);
            auth.put("PALISADE_AUTH_MFA_ENCRYPTION_KEY", HexFormat.of().formatHex(secret));
            auth.put("QUARKUS_REST_CLIENT_USER_SERVICE_URL", "http://127.0.0.1:" + userPort);
            auth.put("PALISADE_AUTH_BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL);
            auth.put("QUARKUS_MAILER_HOST", "127.0.0.1");
            auth.put("QUARKUS_MAILER_PORT", Integer.toString(smtpPort));
            auth.put("QUARKUS_MAILER_START_TLS", "DISABLED");
            auth.put("PALISADE_AUTH_PUBLIC_URL", FRONTEND_ORIGIN);
            auth.put("PALISADE_AUTH_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            // The browser flow walks one account through four link mails within a minute (verification, email
            // change, the revert's reset, a forgotten password); the hourly cap itself is auth-service's tests' job.
            auth.put("PALISADE_AUTH_MAIL_PER_ACCOUNT_PER_HOUR", "10");

            Map<String, String> user = new LinkedHashMap<>(shared);
            user.putAll(ports(userPort, userManagementPort));
            user.putAll(database("palisade_users_e2e"));
            user.put("QUARKUS_REST_CLIENT_AUTH_SERVICE_URL", "http://127.0.0.1:" + authPort);

            Map<String, String> gateway = new LinkedHashMap<>(shared);
            gateway.putAll(ports(gatewayPort, gatewayManagementPort));
            gateway.put("PALISADE_GATEWAY_UPSTREAM_AUTH_URL", "http://127.0.0.1:" + authPort);
            gateway.put("PALISADE_GATEWAY_UPSTREAM_USER_URL", "http://127.0.0.1:" + userPort);
            gateway.put("PALISADE_GATEWAY_CORS_ALLOWED_ORIGINS", FRONTEND_ORIGIN);
            // The proxy in front of the gateway calls from 127.0.0.2 (loopback too); the tests call from 127.0.0.1.
            gateway.put("PALISADE_GATEWAY_TRUSTED_PROXIES", TRUSTED_PROXY + "/32");
            // Every test calls from 127.0.0.1: per-IP limits sized for the whole run. The limits
            // themselves are proven by gateway-service's own tests.
            for (String policy : List.of("LOGIN", "REGISTER", "AUTH", "API")) {
                gateway.put("PALISADE_GATEWAY_RATE_LIMIT_" + policy + "_LIMIT", "100000");
            }

            // A team's own services behind the gateway, by configuration only: examples/quarkus-orders and
            // examples/express-notes, a route whose upstream is down and one whose upstream never answers.
            Map<String, String> orders = new LinkedHashMap<>(shared);
            orders.putAll(ports(ordersPort, ordersManagementPort));
            orders.put("PALISADE_HTTP_TRUSTED_PROXIES", "127.0.0.1/32");
            String ordersUrl = "http://127.0.0.1:" + ordersPort;
            configure(gateway, "ROUTES_ORDERS", Map.of("PATH", "/api/orders/**", "UPSTREAM", ordersUrl, "POLICY", "orders",
                    "COST", "2"));
            configure(gateway, "POLICIES_ORDERS", Map.of("LIMIT", "1000", "WINDOW", "P1D"));
            // Placing an order costs 3 from a bucket of its own (GatewayReplicasShareOneRedisIT counts it).
            configure(gateway, "ROUTES_PLACEORDER", Map.of("PATH", "/api/orders", "METHODS", "POST", "UPSTREAM", ordersUrl,
                    "POLICY", "placing", "COST", "3"));
            configure(gateway, "POLICIES_PLACING", Map.of("LIMIT", "100", "WINDOW", "PT1H"));
            // A leased policy: replicas take 10 units at a time (GatewayReplicasShareOneRedisIT).
            configure(gateway, "ROUTES_LEASED", Map.of("PATH", "/api/leased/**", "METHODS", "GET", "UPSTREAM", ordersUrl,
                    "POLICY", "leased"));
            configure(gateway, "POLICIES_LEASED", Map.of("LIMIT", "100", "WINDOW", "PT1H", "LEASE", "10"));

            Map<String, String> notes = new LinkedHashMap<>();
            notes.put("PALISADE_JWT_JWKS_URL", shared.get("PALISADE_JWT_JWKS_URL"));
            notes.put("PORT", Integer.toString(notesPort));
            notes.put("HOST", "127.0.0.1");
            String notesUrl = "http://127.0.0.1:" + notesPort;
            configure(gateway, "ROUTES_NOTES", Map.of("PATH", "/api/notes/**", "UPSTREAM", notesUrl, "POLICY", "notes",
                    "COST", "5"));
            configure(gateway, "POLICIES_NOTES", Map.of("LIMIT", "2000", "WINDOW", "P1D"));
            // Listing every note is for admins: the edge refuses anyone else before the service is asked.
            configure(gateway, "ROUTES_NOTESALL", Map.of("PATH", "/api/notes/all", "METHODS", "GET", "UPSTREAM", notesUrl,
                    "ROLES", "admin", "POLICY", "notes"));

            configure(gateway, "ROUTES_GONE", Map.of("PATH", "/api/gone/**", "UPSTREAM", "http://127.0.0.1:" + gonePort,
                    "AUTH", "none"));
            silent = SilentUpstream.start();
            configure(gateway, "ROUTES_SLOW", Map.of("PATH", "/api/slow/**", "UPSTREAM", "http://127.0.0.1:" + silent.port(),
                    "AUTH", "none", "RESPONSE_TIMEOUT", "PT1S"));

            gatewayEnvironment.putAll(gateway);
            // user-service first: auth-service creates the bootstrap admin's profile there at start-up.
            ManagedProcess userService = launch("user-service", "user-service", user);
            services.add(userService);
            ManagedProcess authService = launch("auth-service", "auth-service", auth);
            services.add(authService);
            ManagedProcess gatewayService = launch("gateway-service", "gateway-service", gateway);
            services.add(gatewayService);
            ManagedProcess ordersService = launch("examples/quarkus-orders", "example-quarkus-orders", orders);
            services.add(ordersService);
            Path express = root.resolve("examples/express-notes");
            if (!Files.isDirectory(express.resolve("node_modules/jose"))) {
                throw new IllegalStateException("examples/express-notes is not installed: npm ci --prefix examples/express-notes");
            }
            ManagedProcess notesService = new ManagedProcess("example-express-notes",
                    List.of("node", express.resolve("src/server.mjs").toAbsolutePath().toString()), notes,
                    logs.resolve("example-express-notes.log"));
            notesService.start();
            services.add(notesService);
            awaitReady(userService, managementReady(userManagementPort));
            awaitReady(authService, managementReady(authManagementPort));
            awaitReady(gatewayService, managementReady(gatewayManagementPort));
            awaitReady(ordersService, managementReady(ordersManagementPort));
            awaitReady(notesService, "http://127.0.0.1:" + notesPort + "/healthz");
        }

        /**
         * Starts one more gateway replica on free ports, configured like the suite's but with {@code overrides},
         * sharing the suite's Redis and upstreams; the caller stops it.
         */
        public ManagedProcess extraGateway(String name, Map<String, String> overrides, int port, int managementPort) {
            Map<String, String> gateway = new LinkedHashMap<>(gatewayEnvironment);
            gateway.putAll(ports(port, managementPort));
            gateway.putAll(overrides);
            ManagedProcess process = launch("gateway-service", name, gateway);
            try {
                awaitReady(process, managementReady(managementPort));
            } catch (IllegalStateException e) {
                process.stop(Duration.ofSeconds(5));
                throw e;
            }
            return process;
        }

        /** Deletes every rate-limit key in the suite's own Redis, so a test starts from full buckets. */
        public void clearRateLimitKeys() throws IOException, InterruptedException {
            Process cli = new ProcessBuilder("sh", "-c", "redis-cli -p " + redisPort
                    + " --scan --pattern 'palisade:rate-limit:*' | xargs -r redis-cli -p " + redisPort + " del")
                    .redirectErrorStream(true).start();
            if (!cli.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || cli.exitValue() != 0) {
                throw new IllegalStateException("could not clear the rate-limit keys");
            }
        }

        public void stopRedis() {
            redis.stop(Duration.ofSeconds(5));
        }

        public void startRedis() {
            redis.start();
            Instant deadline = Instant.now().plusSeconds(10);
            while (!portAnswers(redisPort)) {
                if (Instant.now().isAfter(deadline) || !redis.isAlive()) {
                    throw new IllegalStateException("the suite's redis-server did not start; is the redis-server package installed?");
                }
                sleep(100);
            }
        }

        /** The spans every process of the suite exported. */
        OtlpReceiver traces() {
            return traces;
        }

        /** Where the services' logs go, one file each. */
        public Path logs() {
            return logs;
        }

        public String gateway() {
            return "http://127.0.0.1:" + gatewayPort;
        }

        public String auth() {
            return "http://127.0.0.1:" + authPort;
        }

        /** The mail catcher's web inbox: {@code GET /links?to=<address>}. */
        public String inbox() {
            return "http://127.0.0.1:" + inboxPort;
        }

        public String user() {
            return "http://127.0.0.1:" + userPort;
        }

        void stop() {
            for (int i = services.size() - 1; i >= 0; i--) {
                services.get(i).stop(Duration.ofSeconds(20));
            }
            if (redis != null) {
                redis.stop(Duration.ofSeconds(5));
            }
            if (inbox != null) {
                inbox.stop();
            }
            if (silent != null) {
                silent.close();
            }
            if (traces != null) {
                traces.close();
            }
        }

        /** Starts {@code service}'s packaged build as the process {@code name}, its output in the suite's logs. */
        private ManagedProcess launch(String service, String name, Map<String, String> environment) {
            List<String> command = PackagedArtifact.command(root.resolve(service).resolve("target"),
                    List.of(jvmOptions()), Map.of());
            ManagedProcess process = new ManagedProcess(name, command, environment, logs.resolve(name + ".log"));
            process.start();
            return process;
        }

        private static String managementReady(int managementPort) {
            return "http://127.0.0.1:" + managementPort + "/q/health/ready";
        }

        private void awaitReady(ManagedProcess process, String readiness) {
            Instant deadline = Instant.now().plusSeconds(90);
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(process.name() + " exited during start-up; see " + process.log());
                }
                if (status(readiness) == 200) {
                    return;
                }
                sleep(250);
            }
            throw new IllegalStateException(process.name() + " was not ready within 90 s; see " + process.log());
        }

        /** Sets {@code PALISADE_GATEWAY_<entry>_<key>} for each key: a route or a policy, as its environment spells it. */
        private static void configure(Map<String, String> gateway, String entry, Map<String, String> keys) {
            keys.forEach((key, value) -> gateway.put("PALISADE_GATEWAY_" + entry + "_" + key, value));
        }

        private Map<String, String> ports(int http, int management) {
            return Map.of("QUARKUS_HTTP_PORT", Integer.toString(http), "QUARKUS_MANAGEMENT_PORT",
                    Integer.toString(management), "QUARKUS_HTTP_HOST", "127.0.0.1", "QUARKUS_MANAGEMENT_HOST",
                    "127.0.0.1");
        }

        private static Map<String, String> database(String name) {
            String host = System.getenv().getOrDefault("PGHOST", "127.0.0.1");
            String port = System.getenv().getOrDefault("PGPORT", "5432");
            return Map.of(
                    "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + host + ":" + port + "/" + name,
                    "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://" + host + ":" + port + "/" + name,
                    "QUARKUS_DATASOURCE_USERNAME", System.getenv().getOrDefault("PGUSER", "postgres"));
        }

        /** The JVM options of run-local.sh and the benchmark (the 256 MiB heap among them), as an argument file. */
        private String jvmOptions() {
            return "@" + root.resolve("scripts/jvm.options").toAbsolutePath();
        }
    }

    static int status(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            int status = connection.getResponseCode();
            connection.disconnect();
            return status;
        } catch (IOException e) {
            return -1;
        }
    }

    private static boolean portAnswers(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
        return FreePorts.next();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
