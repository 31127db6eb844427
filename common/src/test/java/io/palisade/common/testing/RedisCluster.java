package io.palisade.common.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster of the test's own: six Debian {@code redis-server} processes on free loopback ports,
 * three masters with a replica each, joined by {@code redis-cli --cluster create}. A master can be killed
 * (as a crash would: no goodbye) to watch its replica take over.
 */
public final class RedisCluster implements AutoCloseable {

    /** How long a master may be silent before its replica is promoted. */
    public static final Duration NODE_TIMEOUT = Duration.ofSeconds(2);

    private final Path dir;
    private final Map<Integer, Process> nodes = new LinkedHashMap<>();

    private RedisCluster(Path dir) {
        this.dir = dir;
    }

    public static RedisCluster start() {
        RedisCluster cluster;
        try {
            cluster = new RedisCluster(Files.createTempDirectory("palisade-redis-cluster"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            for (int i = 0; i < 6; i++) {
                cluster.startNode(FreePorts.next());
            }
            List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            cluster.nodes.keySet().forEach(port -> create.add("127.0.0.1:" + port));
            create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
            run(create);
            cluster.awaitHealthy(Duration.ofSeconds(30));
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The nodes as {@code quarkus.redis.hosts} lists them for {@code client-type=cluster}. */
    public String hosts() {
        return nodes.keySet().stream().map(port -> "redis://127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    /** The port of the live master that serves {@code key}'s slot. */
    public int masterOf(String key) {
        int slot = Integer.parseInt(cli(anyLiveNode(), "CLUSTER", "KEYSLOT", key).strip());
        for (String line : cli(anyLiveNode(), "CLUSTER", "NODES").split("\n")) {
            String[] fields = line.strip().split(" ");
            if (fields.length < 9 || !fields[2].contains("master") || fields[2].contains("fail")) {
                continue;
            }
            for (int i = 8; i < fields.length; i++) {
                String[] range = fields[i].split("-");
                int from = Integer.parseInt(range[0]);
                int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                if (slot >= from && slot <= to) {
                    return Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1, fields[1].indexOf('@')));
                }
            }
        }
        throw new IllegalStateException("no live master serves the slot of " + key);
    }

    /** Kills one node as a crash would. */
    public void kill(int port) {
        Process node = nodes.get(port);
        node.destroyForcibly();
        try {
            node.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A command through {@code redis-cli -c} (following redirections), its output. */
    public String command(String... command) {
        List<String> args = new ArrayList<>(List.of("-c"));
        args.addAll(List.of(command));
        return cli(anyLiveNode(), args.toArray(String[]::new));
    }

    /** Waits until every live node reports {@code cluster_state:ok}, as after a replica's promotion. */
    public void awaitHealthy(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (nodes.entrySet().stream().filter(node -> node.getValue().isAlive())
                    .allMatch(node -> cli(node.getKey(), "CLUSTER", "INFO").contains("cluster_state:ok"))) {
                return;
            }
            FreePorts.pause(Duration.ofMillis(100));
        }
        throw new IllegalStateException("the Redis Cluster did not become healthy within " + patience);
    }

    @Override
    public void close() {
        nodes.values().forEach(Process::destroyForcibly);
    }

    private void startNode(int port) {
        try {
            Process node = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port), "--bind",
                    "127.0.0.1", "--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf",
                    "--cluster-node-timeout", Long.toString(NODE_TIMEOUT.toMillis()), "--save", "", "--appendonly",
                    "no", "--dir", dir.toString()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis-" + port + ".log").toFile()).start();
            nodes.put(port, node);
        } catch (IOException e) {
            throw new IllegalStateException("redis-server did not start: is Debian's redis-server installed?", e);
        }
        FreePorts.awaitListening(port, Duration.ofSeconds(10), "redis-server");
    }

    private int anyLiveNode() {
        return nodes.entrySet().stream().filter(node -> node.getValue().isAlive()).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
    }

    private static String cli(int port, String... command) {
        List<String> args = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        args.addAll(List.of(command));
        return run(args);
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " did not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
