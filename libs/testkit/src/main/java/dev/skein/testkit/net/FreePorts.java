package dev.skein.testkit.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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

    /** How many handed-out ports are remembered (a fraction of the ephemeral range). */
    private static final int MAX_REMEMBERED = 4096;
    /** How many already handed-out ports one call may meet before it gives up. */
    private static final int MAX_SKIPPED = 1000;
    private static final HandedOut HANDED_OUT = new HandedOut();

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
     * {@code count} distinct free ports on 127.0.0.1, none handed out before by this JVM.
     *
     * <p>All sockets stay bound until every port is chosen, so the operating system cannot hand
     * out the same port twice in one call. Ports handed out earlier are skipped because a caller
     * may choose ports first and bind them later (the local run settles every service's port,
     * then starts PostgreSQL, which picks its own): without the memory, the second pick could be
     * a port the first one chose but nobody had bound yet.
     */
    public static int[] freePorts(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        List<ServerSocket> sockets = new ArrayList<>(count);
        try {
            int[] ports = new int[count];
            int found = 0;
            for (int attempts = 0; found < count; attempts++) {
                if (attempts > count + MAX_SKIPPED) {
                    throw new IllegalStateException("no free port on " + LOOPBACK_HOST + " that was not handed out before");
                }
                ServerSocket socket = new ServerSocket(0, 1, loopback());
                sockets.add(socket);
                if (HANDED_OUT.remember(socket.getLocalPort())) {
                    ports[found++] = socket.getLocalPort();
                }
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

    /** Ports this JVM handed out, the oldest forgotten beyond a bound (the kernel rotates anyway). */
    private static final class HandedOut {

        private final Set<Integer> ports = new LinkedHashSet<>();

        /** Remembers the port; false if it was handed out already. */
        synchronized boolean remember(int port) {
            if (!ports.add(port)) {
                return false;
            }
            if (ports.size() > MAX_REMEMBERED) {
                Iterator<Integer> oldest = ports.iterator();
                oldest.next();
                oldest.remove();
            }
            return true;
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
