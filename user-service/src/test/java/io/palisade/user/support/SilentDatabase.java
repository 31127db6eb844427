package io.palisade.user.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A "database" that accepts connections and never says a word, as a PostgreSQL behind a dead network path or
 * a hung host looks to a client: no refusal to fail fast on, only silence.
 */
public class SilentDatabase implements QuarkusTestResourceLifecycleManager {

    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private ServerSocket server;

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    held.add(server.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        }, "silent-database");
        acceptor.setDaemon(true);
        acceptor.start();
        String address = "127.0.0.1:" + server.getLocalPort() + "/palisade_users_test";
        return Map.of("quarkus.datasource.reactive.url", "postgresql://" + address,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + address,
                "quarkus.flyway.migrate-at-start", "false");
    }

    @Override
    public void stop() {
        try {
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
        } catch (IOException ignored) {
            // Closing sockets of a test double; nothing to recover.
        }
    }
}
