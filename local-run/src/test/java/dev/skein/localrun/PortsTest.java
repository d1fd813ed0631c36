package dev.skein.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.testkit.net.FreePorts;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void zeroBecomesADistinctFreePortAndConfiguredPortsStay() {
        int configured = FreePorts.freePort();
        Map<String, Integer> requested = new LinkedHashMap<>();
        requested.put("editor", configured);
        requested.put("kafka", 0);
        requested.put("gateway", 0);

        Map<String, Integer> settled = Ports.settle(requested);

        assertEquals(configured, settled.get("editor"));
        assertTrue(settled.get("kafka") > 0);
        assertNotEquals(settled.get("kafka"), settled.get("gateway"));
        assertFalse(settled.containsValue(0));
    }

    @Test
    void aTakenPortFailsWithTheOptionToChangeIt() throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(FreePorts.loopback(), 0));
            int port = busy.getLocalPort();

            StartupException e = assertThrows(StartupException.class, () -> Ports.settle(Map.of("gateway", port)));

            assertEquals("port " + port + " (gateway) is already in use on 127.0.0.1; choose another with"
                    + " --gateway-port N or SKEIN_GATEWAY_PORT", e.getMessage());
            assertFalse(Ports.isFree(port));
        }
    }

    @Test
    void onePortForTwoComponentsIsRefused() {
        int port = FreePorts.freePort();
        Map<String, Integer> requested = new LinkedHashMap<>();
        requested.put("editor", port);
        requested.put("gateway", port);

        StartupException e = assertThrows(StartupException.class, () -> Ports.settle(requested));

        assertEquals("port " + port + " is configured for both editor and gateway", e.getMessage());
    }
}
