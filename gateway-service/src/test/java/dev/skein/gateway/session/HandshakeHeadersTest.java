package dev.skein.gateway.session;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.gateway.RawWebSocket;
import dev.skein.gateway.delivery.LiveDelivery;
import dev.skein.gateway.Stubs;
import dev.skein.testkit.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An admitted connection's upgrade request headers are not kept for the connection's life. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class HandshakeHeadersTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    LiveDelivery delivery;

    @Inject
    OpenConnections connections;

    @Inject
    SessionRegistry registry;

    @Test
    void anAdmittedConnectionHoldsNoUpgradeHeaders() throws Exception {
        Stubs.docService(delivery);
        String doc = "headers-" + UUID.randomUUID();
        String path = "/ws/" + doc;
        try (RawWebSocket socket = RawWebSocket.open(base.getHost(), base.getPort(), path, null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> registry.hasDocument(doc));
            WebSocketConnection connection = connections.stream()
                .filter(c -> doc.equals(c.pathParam("docId"))).findFirst().orElseThrow();

            assertTrue(HandshakeHeaders.held(connection) >= 0, "the socket is in reach with this Quarkus");
            // released at the end of the connection's admission, just after it was registered
            await("upgrade headers released").atMost(Duration.ofSeconds(5))
                .until(() -> HandshakeHeaders.held(connection) == 0);
        }
    }
}
