package dev.skein.testkit.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void portsAreDistinctAndBindableOnLoopback() throws IOException {
        int[] ports = FreePorts.freePorts(5);

        assertEquals(5, Arrays.stream(ports).distinct().count());
        for (int port : ports) {
            assertTrue(port > 0 && port <= 65_535, "port " + port);
            try (ServerSocket socket = new ServerSocket(port, 1, FreePorts.loopback())) {
                assertEquals(port, socket.getLocalPort());
            }
        }
    }

    @Test
    void loopbackIsIpv4Localhost() {
        assertEquals("127.0.0.1", FreePorts.loopback().getHostAddress());
        assertTrue(FreePorts.loopback().isLoopbackAddress());
    }

    @Test
    void rejectsNonPositiveCount() {
        assertThrows(IllegalArgumentException.class, () -> FreePorts.freePorts(0));
    }

    @Test
    void aPortHandedOutIsNotHandedOutAgainByThisJvm() {
        // the local run chooses every service's port first and binds them later; meanwhile
        // PostgreSQL (or any other server) picks its own port: it must not get one of those
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int round = 0; round < 6; round++) {
            for (int port : FreePorts.freePorts(400)) {
                assertTrue(seen.add(port), "port " + port + " was handed out twice");
            }
        }
    }
}
