package io.palisade.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An upstream that takes every connection and never answers: what a hung service looks like to the gateway, which
 * must still answer its client (504) and not wait forever.
 */
final class SilentUpstream implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    private SilentUpstream(ServerSocket server) {
        this.server = server;
    }

    static SilentUpstream start() throws IOException {
        SilentUpstream upstream = new SilentUpstream(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        Thread acceptor = new Thread(upstream::hold, "silent-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
        return upstream;
    }

    int port() {
        return server.getLocalPort();
    }

    private void hold() {
        while (!server.isClosed()) {
            try {
                held.add(server.accept());
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not close the silent upstream", e);
        }
    }
}
