package uk.childvoice.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback port helpers: every server the launcher starts listens on 127.0.0.1 only. */
public final class Ports {
    public static final String LOOPBACK = "127.0.0.1";

    private Ports() {
    }

    /** A port that was free on 127.0.0.1 a moment ago. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /**
     * A free port other than {@code taken}: two calls of {@link #free()} in a row can return the same
     * port (the first socket is closed before the second opens), which failed a test run when Kafka's
     * broker and controller listeners were given one port.
     */
    public static int freeExcept(int taken) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = free();
            if (port != taken) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port other than " + taken);
    }

    /** The given port, or a free one when it is 0. */
    public static int orFree(int port) {
        return port == 0 ? free() : port;
    }

    /** Fails with a clear message when something already listens on the port. */
    public static void requireFree(int port, String what) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            throw new IllegalStateException(what + ": port " + port + " on 127.0.0.1 is already in use");
        } catch (IOException expected) {
            // nothing listens: good
        }
    }
}
