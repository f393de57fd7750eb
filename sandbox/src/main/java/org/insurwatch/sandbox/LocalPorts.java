package org.insurwatch.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Free ports on the loopback interface for the embedded servers. */
final class LocalPorts {

    static final String HOST = "127.0.0.1";

    private static final Logger LOG = LoggerFactory.getLogger(LocalPorts.class);
    private static final int START_ATTEMPTS = 3;

    /** A child could not bind a port that was free when picked. */
    static final class Clash extends IllegalStateException {
        Clash(String message) {
            super(message);
        }
    }

    private LocalPorts() {
    }

    /** {@code n} distinct ports that are free now (all are held until all are picked). */
    private static int[] free(int n) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName(HOST));
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free ports", e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts a server on the given ports. */
    @FunctionalInterface
    interface Start<T> {
        T on(int[] ports) throws IOException, InterruptedException;
    }

    /**
     * Runs {@code start} on {@code n} ports that are free now. Another process may grab one of them before the
     * child binds it, so on a {@link Clash} it runs again on new ones.
     */
    static <T> T startOnFreePorts(String name, int n, Start<T> start) {
        Clash last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return start.on(free(n));
            } catch (Clash e) {
                LOG.warn("{}: port clash on attempt {}, retrying with new ports", name, attempt);
                last = e;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + name, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting " + name, e);
            }
        }
        throw last;
    }
}
