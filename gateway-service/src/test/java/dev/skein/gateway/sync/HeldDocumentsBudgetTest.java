package dev.skein.gateway.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.skein.gateway.DocServiceStub;
import dev.skein.gateway.Stubs;
import dev.skein.gateway.WsClient;
import dev.skein.gateway.delivery.LiveDelivery;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.ycrdt.protocol.SyncStep1;
import dev.skein.ycrdt.protocol.SyncStep2;
import dev.skein.ycrdt.protocol.SyncUpdate;
import dev.skein.ycrdt.update.Updates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A document that would pass the held documents' byte budget is let go; its joins still get everything, through the log. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestProfile(HeldDocumentsBudgetTest.SmallBudget.class)
class HeldDocumentsBudgetTest {

    private static final byte[] EMPTY_STATE_VECTOR = {0};

    /** 16 KiB for all held documents together. */
    public static class SmallBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("skein.gateway.held-documents.max-bytes", "16384");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    LiveDelivery delivery;

    @Inject
    HeldDocuments held;

    @Test
    void aDocumentPastTheBudgetIsLetGoAndJoinsGoThroughTheLog() {
        DocServiceStub docService = Stubs.docService(delivery);
        docService.answering(true);
        String doc = "budget-" + UUID.randomUUID();
        try (WsClient alice = WsClient.connect(base, doc)) {
            alice.send(new SyncStep1(EMPTY_STATE_VECTOR));
            alice.awaitMessage(m -> m instanceof SyncStep1);
            await().atMost(Duration.ofSeconds(20)).until(() -> held.holds(doc));
            byte[] big = dev.skein.gateway.TestUpdates.text(7, 0, "x".repeat(20_000));
            alice.send(new SyncUpdate(big));
            await().atMost(Duration.ofSeconds(20)).until(() -> !held.holds(doc));
            await().atMost(Duration.ofSeconds(20)).until(() -> docService.updatesOf(doc).size() == 1);
            try (WsClient bob = WsClient.connect(base, doc)) {
                bob.send(new SyncStep1(EMPTY_STATE_VECTOR));
                byte[] answer = ((SyncStep2) bob.awaitMessage(m -> m instanceof SyncStep2)).update();
                assertArrayEquals(Updates.encodeStateVectorFromUpdate(big), Updates.encodeStateVectorFromUpdate(answer));
                assertFalse(held.holds(doc));
                await().atMost(Duration.ofSeconds(20)).until(() -> docService.requests().stream()
                    .filter(r -> r.docId().equals(doc)).count() == 2);
            }
        }
    }
}
