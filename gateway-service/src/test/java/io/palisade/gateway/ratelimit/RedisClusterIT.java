package io.palisade.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.revocation.RevocationKeys;
import io.palisade.common.testing.Concurrently;
import io.palisade.common.testing.FreePorts;
import io.palisade.common.testing.PackagedArtifact;
import io.palisade.common.testing.RedisCluster;
import io.palisade.common.testing.TestTokens;
import io.palisade.gateway.support.PackagedGatewayConfig;
import io.palisade.gateway.support.Upstreams;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two packaged gateways share a real Redis Cluster (three masters, three replicas, Debian's redis-server):
 * the limits hold exactly across both under concurrency, a revoked session is refused by both, and when
 * the master that holds a bucket dies, {@code api} fails open and {@code login} fails closed until its
 * replica is promoted, after which both are limited again without anyone's help.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterIT {

    private static final int API_LIMIT = 10;
    private static final int LOGIN_LIMIT = 5;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static RedisCluster cluster;
    private static Upstreams upstreams;
    private static final List<PackagedArtifact.Started> gateways = new ArrayList<>();
    private static final List<Integer> ports = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        cluster = RedisCluster.start();
        upstreams = new Upstreams();
        Map<String, String> config = new HashMap<>(new PackagedGatewayConfig().start());
        config.putAll(upstreams.start());
        config.putAll(Map.of("quarkus.redis.client-type", "cluster", "quarkus.redis.hosts", cluster.hosts(),
                "palisade.gateway.rate-limit.api.limit", Integer.toString(API_LIMIT),
                "palisade.gateway.rate-limit.login.limit", Integer.toString(LOGIN_LIMIT),
                // Each phase speaks for a client address of its own, so each starts with full buckets.
                "palisade.gateway.trusted-proxies", "127.0.0.1/32"));
        for (int i = 0; i < 2; i++) {
            int port = FreePorts.next();
            int management = FreePorts.next();
            config.put("quarkus.http.port", Integer.toString(port));
            config.put("quarkus.management.port", Integer.toString(management));
            gateways.add(PackagedArtifact.start(config).awaitReady(management));
            ports.add(port);
        }
        // A gateway is ready before its cluster client has the slot map and a connection to each master: the
        // phases below count exact answers, so each gateway first answers one login (a policy that fails closed,
        // so a 200 means its Redis calls work), from an address no phase uses.
        for (int gateway = 0; gateway < 2; gateway++) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int attempt = 0;
            while (login(gateway, "203.0.113." + (gateway * 100 + attempt++)) != 200) {
                assertThat(System.nanoTime()).as("gateway %d answers through the cluster", gateway).isLessThan(deadline);
                Thread.sleep(200);
            }
        }
        // Its cluster client also takes a connection to every node per concurrent call, and opens them on demand:
        // the first burst waits on dozens of connections at once, and on a busy machine some of its calls take
        // longer than the Redis timeout and fail open. The bursts below are what the phases send, as often as it
        // takes for one to pass without a call failing open on either gateway.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int before;
        do {
            assertThat(System.nanoTime()).as("a burst passes without failing open").isLessThan(deadline);
            before = failedOpen();
            String token = TestTokens.user(UUID.randomUUID()).sign();
            Concurrently.run(40, i -> get(i % 2, "/api/users/me", token, "203.0.113.250"));
        } while (failedOpen() != before);
    }

    @AfterAll
    static void stop() {
        gateways.forEach(PackagedArtifact.Started::close);
        if (upstreams != null) {
            upstreams.stop();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void bothGatewaysTogetherLetExactlyTheLimitThrough() throws Exception {
        String token = TestTokens.user(UUID.randomUUID()).sign();
        int failedOpenBefore = failedOpen();
        List<Integer> api = Concurrently.run(40, i -> get(i % 2, "/api/users/me", token, "198.51.100.1"));
        assertThat(api).as("api answers, alternating gateways").containsOnly(200, 429);
        assertThat(api.stream().filter(status -> status == 200).count())
                .as("api requests through (of which failed open, Redis too slow: %d)", failedOpen() - failedOpenBefore)
                .isEqualTo(API_LIMIT);

        List<Integer> login = Concurrently.run(20, i -> login(i % 2, "198.51.100.2"));
        assertThat(login).as("login answers, alternating gateways").containsOnly(200, 429);
        assertThat(login.stream().filter(status -> status == 200).count()).as("logins through").isEqualTo(LOGIN_LIMIT);
    }

    @Test
    @Order(2)
    void aSessionRevokedInTheClusterIsRefusedByBothGateways() throws Exception {
        UUID account = UUID.randomUUID();
        String sid = UUID.randomUUID().toString();
        String token = TestTokens.user(account).session(sid).sign();
        assertThat(get(0, "/api/users/me", token, "198.51.100.3")).isEqualTo(200);
        assertThat(get(1, "/api/users/me", token, "198.51.100.3")).isEqualTo(200);

        String expiresAt = Long.toString(System.currentTimeMillis() + Duration.ofMinutes(16).toMillis());
        cluster.command("SET", RevocationKeys.key(account.toString(), sid), expiresAt, "PXAT", expiresAt);
        cluster.command("ZADD", RevocationKeys.INDEX, expiresAt, RevocationKeys.member(account.toString(), sid));
        cluster.command("PUBLISH", RevocationKeys.CHANNEL, RevocationKeys.message(account.toString(), sid,
                Long.parseLong(expiresAt)));

        for (int gateway = 0; gateway < 2; gateway++) {
            assertThat(get(gateway, "/api/users/me", token, "198.51.100.3")).as("gateway %d", gateway).isEqualTo(401);
        }
    }

    @Test
    @Order(3)
    void whenABucketsMasterDiesApiFailsOpenAndLoginFailsClosedUntilTheReplicaTakesOver() throws Exception {
        String ip = "198.51.100.4";
        int master = cluster.masterOf("palisade:rate-limit:{ip:" + ip + "}:login");
        UUID user = userOn(master);
        String token = TestTokens.user(user).sign();
        assertThat(get(0, "/api/users/me", token, ip)).isEqualTo(200);
        assertThat(login(1, ip)).isEqualTo(200);

        cluster.kill(master);
        long killed = System.nanoTime();
        int api = get(0, "/api/users/me", token, ip);
        int login = login(1, ip);
        long answered = System.nanoTime() - killed;
        assertThat(answered).as("both answered before a replica could be promoted (%d ms)", answered / 1_000_000)
                .isLessThan(RedisCluster.NODE_TIMEOUT.toNanos());
        assertThat(api).as("api while the bucket's master is dead: fails open").isEqualTo(200);
        assertThat(login).as("login while the bucket's master is dead: fails closed").isEqualTo(503);

        cluster.awaitHealthy(Duration.ofSeconds(30));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        int recovered = 503;
        while (recovered == 503 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            recovered = login(1, ip);
        }
        assertThat(recovered).as("login after the promotion, through the same gateway").isIn(200, 429);
        int apiRequests = 0;
        int status = 200;
        while (status == 200 && apiRequests <= 2 * API_LIMIT) {
            status = get(apiRequests % 2, "/api/users/me", token, ip);
            apiRequests++;
        }
        assertThat(status).as("api is limited again after the promotion").isEqualTo(429);
    }

    /** How many api checks the two gateways have let through because Redis did not answer in time, from their logs. */
    private static int failedOpen() {
        return gateways.stream().mapToInt(gateway -> (int) gateway.output().lines()
                .filter(line -> line.contains("rate limiting degraded for policy api")).count()).sum();
    }

    /** A user whose api bucket lives on {@code master}, so that one master's death reaches both policies. */
    private static UUID userOn(int master) {
        for (int i = 0; i < 200; i++) {
            UUID candidate = UUID.randomUUID();
            if (cluster.masterOf("palisade:rate-limit:{" + RevocationKeys.accountTag(candidate.toString()) + "}:api")
                    == master) {
                return candidate;
            }
        }
        throw new IllegalStateException("no user id found whose bucket lives on " + master);
    }

    private static int get(int gateway, String path, String token, String clientIp) {
        return send(gateway, HttpRequest.newBuilder(uri(gateway, path)).header("Authorization", "Bearer " + token)
                .header("X-Forwarded-For", clientIp).GET());
    }

    private static int login(int gateway, String clientIp) {
        return send(gateway, HttpRequest.newBuilder(uri(gateway, "/api/auth/login"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", clientIp)
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"a@b.test\",\"password\":\"whatever-it-is\"}")));
    }

    private static int send(int gateway, HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new AssertionError("gateway " + gateway + " did not answer; its log:\n" + gateways.get(gateway).output(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static URI uri(int gateway, String path) {
        return URI.create("http://127.0.0.1:" + ports.get(gateway) + path);
    }
}
