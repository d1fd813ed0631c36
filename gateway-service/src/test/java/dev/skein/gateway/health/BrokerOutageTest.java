package dev.skein.gateway.health;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.gateway.DocServiceStub;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.gateway.Stubs;
import dev.skein.gateway.TestUpdates;
import dev.skein.gateway.WsClient;
import dev.skein.gateway.delivery.LiveDelivery;
import dev.skein.gateway.session.CloseCodes;
import dev.skein.ycrdt.protocol.SyncStep1;
import dev.skein.ycrdt.protocol.SyncStep2;
import dev.skein.ycrdt.protocol.SyncUpdate;
import dev.skein.ycrdt.update.Updates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A stopped broker closes every client with 1013; after it returns, resent edits land once. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class BrokerOutageTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    LiveDelivery delivery;

    @Inject
    BrokerMonitor monitor;

    @Test
    void clientsAreClosedWith1013AndEverythingAcceptedIsInTheLogOnce() {
        DocServiceStub docService = Stubs.docService(delivery);
        String doc = "outage-" + UUID.randomUUID();
        byte[] before = TestUpdates.text(1, 0, "before");
        byte[] after = TestUpdates.text(2, 0, "after");
        try (WsClient client = WsClient.connect(base, doc)) {
            client.send(new SyncUpdate(before));
            await().atMost(Duration.ofSeconds(20)).until(() -> docService.updatesOf(doc).size() == 1);
            KafkaTestResource.broker().stop();
            try {
                assertEquals(CloseCodes.TRY_AGAIN_LATER, client.awaitCloseCode());
                try (WsClient refused = WsClient.connect(base, doc)) {
                    assertEquals(CloseCodes.TRY_AGAIN_LATER, refused.awaitCloseCode());
                }
            } finally {
                KafkaTestResource.broker().restart();
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> monitor.isReachable() && delivery.isReady());
        try (WsClient client = WsClient.connect(base, doc)) {
            client.send(new SyncStep1(new byte[] {0}));
            SyncStep1 server = (SyncStep1) client.awaitMessage(m -> m instanceof SyncStep1);
            byte[] missing = Updates.diffUpdate(Updates.mergeUpdates(List.of(before, after)), server.stateVector());
            client.send(new SyncStep2(missing));
            await().atMost(Duration.ofSeconds(30)).until(() -> docService.updatesOf(doc).size() >= 2);
        }
        List<byte[]> log = docService.updatesOf(doc);
        assertEquals(2, log.size(), "each edit is in the log once");
        assertArrayEquals(before, log.get(0));
        assertEquals(1, log.stream().filter(u -> Arrays.equals(Updates.mergeUpdates(List.of(u)), after)).count());
        assertArrayEquals(Updates.mergeUpdates(List.of(before, after)), Updates.mergeUpdates(log));
    }
}
