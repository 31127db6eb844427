package io.palisade.common.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The command that starts this module's packaged build, whichever the build made: the jar, or the native
 * executable under {@code -Dnative}. For tests that start it themselves, such as one that expects it to refuse.
 */
public final class PackagedArtifact {

    private PackagedArtifact() {
    }

    /** The packaged build running in the background, its output going to {@code log}. */
    public record Started(Process process, Path log) implements AutoCloseable {

        /** Its output so far, for a failure message. */
        public String output() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "(its log could not be read: " + e + ")";
            }
        }

        /** Returns once the management port reports ready; fails with the output if it exits or 60 s pass. */
        public Started awaitReady(int managementPort) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                    + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new AssertionError("the packaged build exited during start-up; its log:\n" + output());
                }
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return this;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                FreePorts.pause(Duration.ofMillis(200));
            }
            throw new AssertionError("the packaged build was not ready within 60 s; its log:\n" + output());
        }

        /** Kills it at once, as a crash would, and waits until it is gone. */
        @Override
        public void close() {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts the packaged build with {@code systemProperties} in the background. */
    public static Started start(Map<String, String> systemProperties) {
        try {
            Path log = Files.createTempFile("packaged-", ".log");
            log.toFile().deleteOnExit();
            Process process = new ProcessBuilder(command(systemProperties)).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new Started(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How a run of the packaged build ended: whether it exited within the time given, its code, its output. */
    public record Exit(boolean exited, int code, String log) {
    }

    /**
     * Starts the packaged build with {@code systemProperties} and waits for it to exit by itself, as one that
     * refuses its configuration must; one still running after {@code patience} is killed.
     */
    public static Exit runUntilExit(Map<String, String> systemProperties, Duration patience) {
        Started run = start(systemProperties);
        try {
            boolean exited = run.process().waitFor(patience.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                run.close();
            }
            return new Exit(exited, run.process().exitValue(), run.output());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** This module's packaged build, with the JVM options every packaged test runs with (failsafe's {@code quarkus.test.arg-line}). */
    public static List<String> command(Map<String, String> systemProperties) {
        String jvmOptions = System.getProperty("quarkus.test.arg-line", "").strip();
        return command(Path.of("target"), jvmOptions.isEmpty() ? List.of() : List.of(jvmOptions.split("\\s+")),
                systemProperties);
    }

    /**
     * The packaged build a module wrote under {@code target} (its {@code quarkus-artifact.properties} says which),
     * a jar run with {@code jvmOptions}, or the native executable.
     */
    public static List<String> command(Path target, List<String> jvmOptions, Map<String, String> systemProperties) {
        Properties artifact = new Properties();
        try (Reader reader = Files.newBufferedReader(target.resolve("quarkus-artifact.properties"))) {
            artifact.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("no packaged build in " + target + ": run the package phase first", e);
        }
        Path path = target.resolve(artifact.getProperty("path")).toAbsolutePath();
        List<String> command = new ArrayList<>();
        boolean jar = "jar".equals(artifact.getProperty("type"));
        if (jar) {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
        } else {
            command.add(path.toString());
        }
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        if (jar) {
            command.add("-jar");
            command.add(path.toString());
        }
        return command;
    }
}
