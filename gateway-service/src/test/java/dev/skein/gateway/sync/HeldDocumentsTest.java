package dev.skein.gateway.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.gateway.DocServiceStub;
import dev.skein.gateway.Stubs;
import dev.skein.gateway.TestUpdates;
import dev.skein.gateway.WsClient;
import dev.skein.gateway.delivery.LiveDelivery;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.ycrdt.protocol.SyncStep1;
import dev.skein.ycrdt.protocol.SyncStep2;
import dev.skein.ycrdt.protocol.SyncUpdate;
import dev.skein.ycrdt.update.Updates;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Joins to a document the gateway already holds are answered by the gateway, completely. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class HeldDocumentsTest {

    private static final byte[] EMPTY_STATE_VECTOR = {0};

    @TestHTTPResource("/")
    URI base;

    @Inject
    LiveDelivery delivery;

    @Inject
    HeldDocuments held;

    @Inject
    MeterRegistry meters;

    private DocServiceStub docService;

    @BeforeEach
    void stub() {
        docService = Stubs.docService(delivery);
        docService.answering(true);
    }

    private WsClient synced(String doc) {
        WsClient client = WsClient.connect(base, doc);
        client.send(new SyncStep1(EMPTY_STATE_VECTOR));
        client.awaitMessage(m -> m instanceof SyncStep1);
        return client;
    }

    private long requestsFor(String doc) {
        return docService.requests().stream().filter(r -> r.docId().equals(doc)).count();
    }

    private static byte[] step2Of(WsClient client) {
        return ((SyncStep2) client.awaitMessage(m -> m instanceof SyncStep2)).update();
    }

    @Test
    void aJoinToAHeldDocumentIsAnsweredByTheGatewayWithEverythingItsConnectionsAndOtherWritersWrote()
            throws Exception {
        String doc = "held-" + UUID.randomUUID();
        List<byte[]> written = new ArrayList<>();
        try (WsClient alice = synced(doc)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> held.holds(doc));
            for (int i = 0; i < 5; i++) {
                byte[] update = TestUpdates.text(1, i, "a");
                alice.send(new SyncUpdate(update));
                written.add(update);
            }
            // another gateway's writer: consumed, then part of what the gateway holds
            byte[] remote = TestUpdates.text(2, 0, "remote");
            docService.produceUpdate(doc, remote, "another-gateway/connection-1");
            alice.awaitMessage(m -> m.equals(new SyncUpdate(remote)));
            written.add(remote);
            double heldBefore = meters.get("skein.gateway.sync.held").counter().count();

            try (WsClient bob = synced(doc)) {
                byte[] answer = step2Of(bob);
                assertArrayEquals(Updates.encodeStateVectorFromUpdate(Updates.mergeUpdates(written)),
                    Updates.encodeStateVectorFromUpdate(answer), "every update written is in the answer");
                assertEquals(1, requestsFor(doc), "only alice's join went through the log");
                assertTrue(meters.get("skein.gateway.sync.held").counter().count() > heldBefore);
            }

            // a client that has everything gets nothing more
            byte[] state = Updates.mergeUpdates(written);
            try (WsClient carol = WsClient.connect(base, doc)) {
                carol.send(new SyncStep1(Updates.encodeStateVectorFromUpdate(state)));
                byte[] answer = step2Of(carol);
                assertArrayEquals(Updates.diffUpdate(state, Updates.encodeStateVectorFromUpdate(state)), answer);
            }
        }
    }

    @Test
    void aDocumentWhoseLastConnectionLeftIsLetGoAndItsNextJoinGoesThroughTheLog() {
        String doc = "held-" + UUID.randomUUID();
        try (WsClient alice = synced(doc)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> held.holds(doc));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> !held.holds(doc));
        try (WsClient bob = synced(doc)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> requestsFor(doc) == 2);
        }
    }
}
