package dev.skein.gateway.awareness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
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
        byte[] answer = presence.awarenessOf("doc-" + UUID.randomUUID()).get(10, TimeUnit.SECONDS).orElseThrow();
        assertArrayEquals(PresenceStub.KNOWN, answer);
    }

    @Test
    void aRefusedTokenFailsTheCallSoThatTheGreetingFallsBack() {
        assertThrows(ExecutionException.class,
            () -> presence.awarenessOf("refused-" + UUID.randomUUID()).get(10, TimeUnit.SECONDS));
    }
}
