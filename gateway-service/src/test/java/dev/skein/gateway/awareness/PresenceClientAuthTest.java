package dev.skein.gateway.awareness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * With authentication on, the join greeting's call to presence-service carries the gateway's own
 * service token (from the realm's real Keycloak), which is what presence-service shows every
 * document to; a refused token makes the greeting fall back.
 */
@QuarkusTest
@TestProfile(PresenceAuthProfile.class)
class PresenceClientAuthTest {

    @Inject
    PresenceClient presence;

    @Test
    void asksWithTheGatewaysServiceToken() throws Exception {
        byte[] answer = presence.awarenessOf("doc-" + UUID.randomUUID()).orElseThrow();
        assertArrayEquals(PresenceStub.KNOWN, answer);
    }

    @Test
    void callsInARowStartNoThreadEach() throws Exception {
        // the HTTP client's sendAsync completed through CompletableFuture's default executor, a new
        // thread per call where the common pool is smaller than two threads (two cores or fewer)
        presence.awarenessOf("doc-" + UUID.randomUUID());
        long before = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
        int calls = 50;
        for (int i = 0; i < calls; i++) {
            assertArrayEquals(PresenceStub.KNOWN, presence.awarenessOf("doc-" + UUID.randomUUID()).orElseThrow());
        }
        long started = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - before;
        assertTrue(started < calls / 5, started + " threads started for " + calls + " calls");
    }

    @Test
    void aRefusedTokenFailsTheCallSoThatTheGreetingFallsBack() {
        assertThrows(PresenceClient.PresenceUnavailableException.class,
            () -> presence.awarenessOf("refused-" + UUID.randomUUID()));
    }
}
