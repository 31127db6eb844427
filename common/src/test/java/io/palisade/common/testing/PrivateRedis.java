package io.palisade.common.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Redis of the test's own (Debian's {@code redis-server} on a free loopback port, keeping nothing on disk),
 * for fault tests that stop and restart it while the service under test keeps running.
 */
public class PrivateRedis implements QuarkusTestResourceLifecycleManager {

    private static int port;
    private static Process process;

    @Override
    public Map<String, String> start() {
        port = FreePorts.next();
        startServer();
        return Map.of("quarkus.redis.hosts", url());
    }

    @Override
    public void stop() {
        stopServer();
    }

    public static String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts it again on the same port, empty; returns once it accepts connections. */
    public static synchronized void startServer() {
        try {
            Path dir = Files.createTempDirectory("palisade-redis");
            process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port), "--bind",
                    "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("redis-server did not start: is Debian's redis-server installed?", e);
        }
        FreePorts.awaitListening(port, Duration.ofSeconds(10), "redis-server");
    }

    /** Kills it (no goodbye to its clients, as a crash would) and waits until it is gone. */
    public static synchronized void stopServer() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }
}
