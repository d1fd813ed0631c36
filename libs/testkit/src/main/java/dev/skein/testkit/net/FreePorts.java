package dev.skein.testkit.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds TCP ports that are free on 127.0.0.1, by letting the operating system pick them (bind to
 * port 0).
 *
 * <p>A port is only known to be free at the moment it is chosen; a server that binds it shortly
 * afterwards wins in practice because the kernel hands out ephemeral ports in rotation.
 */
public final class FreePorts {

    /** The host every testkit server binds to and every client connects to. */
    public static final String LOOPBACK_HOST = "127.0.0.1";

    private FreePorts() {
    }

    /** The IPv4 loopback address, {@value #LOOPBACK_HOST}. */
    public static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(LOOPBACK_HOST, new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            // Only thrown for an address of illegal length, which four bytes are not.
            throw new IllegalStateException(e);
        }
    }

    /** One free port on 127.0.0.1. */
    public static int freePort() {
        return freePorts(1)[0];
    }

    /**
     * {@code count} distinct free ports on 127.0.0.1.
     *
     * <p>All sockets stay bound until every port is chosen, so the operating system cannot hand
     * out the same port twice.
     */
    public static int[] freePorts(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        List<ServerSocket> sockets = new ArrayList<>(count);
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, loopback());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not bind a free port on " + LOOPBACK_HOST, e);
        } finally {
            for (ServerSocket socket : sockets) {
                closeQuietly(socket);
            }
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // The port was still chosen; a socket that fails to close is released by the kernel.
        }
    }
}
