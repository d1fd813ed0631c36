package dev.skein.gateway.delivery;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.gateway.DocServiceStub;
import dev.skein.gateway.Stubs;
import dev.skein.gateway.TestUpdates;
import dev.skein.gateway.WsClient;
import dev.skein.messaging.InstanceId;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.ycrdt.protocol.SyncStep1;
import dev.skein.ycrdt.protocol.SyncUpdate;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * Update partitions into which only this gateway writes are read every quiet-read interval, not
 * once per keystroke, and another writer's records in them still reach every connection.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestProfile(QuietPartitionsDeliveryTest.ShortQuiet.class)
class QuietPartitionsDeliveryTest {

    private static final byte[] EMPTY_STATE_VECTOR = {0};
    private static final int KEYSTROKES = 100;

    /** Partitions other tests wrote into as "another gateway" are quiet again a second later. */
    public static class ShortQuiet implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("skein.gateway.quiet-after", "1s", "skein.gateway.quiet-read-interval", "100ms");
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    LiveDelivery delivery;

    @Inject
    InstanceId instanceId;

    private WsClient synced(DocServiceStub docService, String doc) {
        WsClient client = WsClient.connect(base, doc);
        client.send(new SyncStep1(EMPTY_STATE_VECTOR));
        client.awaitMessage(m -> m instanceof SyncStep1);
        return client;
    }

    /** The broker fetches live delivery's consumer has made (Kafka's own client metric). */
    private double fetches() throws Exception {
        ObjectName name = new ObjectName("kafka.consumer:type=consumer-fetch-manager-metrics,client-id="
            + instanceId.value() + "-delivery");
        return ((Number) ManagementFactory.getPlatformMBeanServer().getAttribute(name, "fetch-total")).doubleValue();
    }

    @Test
    void ownKeystrokesCostAFetchPerIntervalNotOnePerKeystroke() throws Exception {
        DocServiceStub docService = Stubs.docService(delivery);
        docService.answering(true);
        String doc = "quiet-" + UUID.randomUUID();
        try (WsClient alice = synced(docService, doc); WsClient bob = synced(docService, doc)) {
            Thread.sleep(1_500); // longer than quiet-after: no other writer is recent in any partition
            double before = fetches();
            SyncUpdate last = null;
            for (int i = 0; i < KEYSTROKES; i++) {
                last = new SyncUpdate(TestUpdates.text(1, i, "x"));
                alice.send(last);
                Thread.sleep(5);
            }
            SyncUpdate lastSent = last;
            bob.awaitMessage(m -> m.equals(lastSent));
            Thread.sleep(300); // the reads still due
            double fetched = fetches() - before;
            // read continuously, each keystroke's record would complete a fetch of its own
            assertTrue(fetched < KEYSTROKES / 2.0, "fetches while " + KEYSTROKES + " own keystrokes were written: " + fetched);
        }
    }

    @Test
    void anotherWritersRecordsInAQuietPartitionReachEveryConnection() throws Exception {
        DocServiceStub docService = Stubs.docService(delivery);
        docService.answering(true);
        String doc = "quiet-" + UUID.randomUUID();
        try (WsClient alice = synced(docService, doc); WsClient bob = synced(docService, doc)) {
            Thread.sleep(1_500);
            SyncUpdate own = new SyncUpdate(TestUpdates.text(2, 0, "own"));
            alice.send(own);
            bob.awaitMessage(m -> m.equals(own));
            // the partition was just read and is paused now: these arrive while it is
            for (int i = 0; i < 3; i++) {
                SyncUpdate remote = new SyncUpdate(TestUpdates.text(3, i, "r"));
                docService.produceUpdate(doc, remote.update(), "another-gateway/connection-" + i);
                for (WsClient client : List.of(alice, bob)) {
                    client.awaitMessage(m -> m.equals(remote));
                }
            }
            assertFalse(alice.received().contains(own), "not echoed to its sender");
        }
    }
}
