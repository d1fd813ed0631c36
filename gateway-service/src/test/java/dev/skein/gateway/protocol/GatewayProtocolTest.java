package dev.skein.gateway.protocol;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.contract.AwarenessRecords;
import dev.skein.gateway.DocServiceStub;
import dev.skein.gateway.Stubs;
import dev.skein.gateway.TestUpdates;
import dev.skein.gateway.WsClient;
import dev.skein.messaging.InstanceId;
import dev.skein.gateway.delivery.LiveDelivery;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.ycrdt.protocol.AwarenessMessage;
import dev.skein.ycrdt.protocol.AwarenessUpdate;
import dev.skein.ycrdt.protocol.Message;
import dev.skein.ycrdt.protocol.QueryAwareness;
import dev.skein.ycrdt.protocol.SyncStep1;
import dev.skein.ycrdt.protocol.SyncStep2;
import dev.skein.ycrdt.protocol.SyncUpdate;
import dev.skein.ycrdt.update.Updates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The y-websocket protocol through a real broker, with a stub answering sync requests. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class GatewayProtocolTest {

    private static final byte[] EMPTY_STATE_VECTOR = {0};

    @TestHTTPResource("/")
    URI base;

    @Inject
    LiveDelivery delivery;

    @Inject
    InstanceId instanceId;

    @Inject
    MeterRegistry meters;

    private DocServiceStub docService;

    @BeforeEach
    void stub() {
        docService = Stubs.docService(delivery);
        docService.answering(true);
    }

    private static String newDoc() {
        return "doc-" + UUID.randomUUID();
    }

    @Test
    void syncStep1IsAnsweredWithStep2ThenStep1ThroughAnInBandRequest() {
        String doc = newDoc();
        long answeredBefore = meters.get("skein.gateway.sync.answer").timer().count();
        try (WsClient client = WsClient.connect(base, doc)) {
            client.send(new SyncStep1(EMPTY_STATE_VECTOR));
            client.awaitMessage(m -> m instanceof SyncStep1);
            List<Message> received = client.received();
            assertInstanceOf(SyncStep2.class, received.get(0));
            assertInstanceOf(SyncStep1.class, received.get(1));
            assertTrue(docService.requests().stream()
                .anyMatch(r -> r.docId().equals(doc) && r.replyTo().equals(instanceId.value())));
            assertTrue(meters.get("skein.gateway.sync.answer").timer().count() > answeredBefore, "the answer is timed");
        }
    }

    @Test
    void updateReachesOtherConnectionsOfTheDocumentButNotItsSender() {
        String doc = newDoc();
        byte[] first = TestUpdates.text(1, 0, "a");
        byte[] second = TestUpdates.text(2, 0, "b");
        try (WsClient alice = WsClient.connect(base, doc); WsClient bob = WsClient.connect(base, doc);
                WsClient other = WsClient.connect(base, newDoc())) {
            // synced, as providers are: registered before anything is sent
            for (WsClient client : List.of(alice, bob, other)) {
                client.send(new SyncStep1(EMPTY_STATE_VECTOR));
                client.awaitMessage(m -> m instanceof SyncStep1);
            }
            alice.send(new SyncUpdate(first));
            bob.awaitMessage(m -> m.equals(new SyncUpdate(first)));
            bob.send(new SyncUpdate(second));
            alice.awaitMessage(m -> m.equals(new SyncUpdate(second)));
            assertFalse(alice.received().contains(new SyncUpdate(first)), "an update is not echoed to its sender");
            assertFalse(bob.received().contains(new SyncUpdate(second)));
            assertTrue(other.received().stream().noneMatch(m -> m instanceof SyncUpdate));
        }
    }

    @Test
    void anUpdateReachesLocalPeersOnceAndUpdatesOfOtherGatewaysArriveThroughTheLog() throws Exception {
        String doc = newDoc();
        byte[] local = TestUpdates.text(3, 0, "local");
        byte[] remote = TestUpdates.text(4, 0, "remote");
        try (WsClient alice = WsClient.connect(base, doc); WsClient bob = WsClient.connect(base, doc)) {
            // synced, as providers are: both are registered before anything is sent
            for (WsClient client : List.of(alice, bob)) {
                client.send(new SyncStep1(EMPTY_STATE_VECTOR));
                client.awaitMessage(m -> m instanceof SyncStep1);
            }
            alice.send(new SyncUpdate(local));
            bob.awaitMessage(m -> m.equals(new SyncUpdate(local)));
            await().atMost(Duration.ofSeconds(20)).until(() -> docService.updatesOf(doc).size() == 1);
            // a record this gateway produced is not delivered from the log: its connections had it when it was sent
            byte[] ownEarlier = TestUpdates.text(5, 0, "own");
            docService.produceUpdate(doc, ownEarlier, instanceId.value() + "/a-connection");
            // later in the same partition: once it arrives, the log's copies above have been consumed
            docService.produceUpdate(doc, remote, "another-gateway/connection-1");
            bob.awaitMessage(m -> m.equals(new SyncUpdate(remote)));
            alice.awaitMessage(m -> m.equals(new SyncUpdate(remote)));
            assertEquals(1, bob.received().stream().filter(m -> m.equals(new SyncUpdate(local))).count(),
                "delivered at once, and not again when the log has it");
            assertFalse(bob.received().contains(new SyncUpdate(ownEarlier)), "this gateway's records are not delivered twice");
        }
    }

    @Test
    void clientSyncStep2IsProducedAsAnUpdate() {
        String doc = newDoc();
        byte[] offline = TestUpdates.text(7, 0, "offline");
        try (WsClient client = WsClient.connect(base, doc)) {
            client.send(new SyncStep2(offline));
            await().atMost(Duration.ofSeconds(20)).until(() -> docService.updatesOf(doc).size() == 1);
            assertArrayEquals(offline, docService.updatesOf(doc).get(0));
            assertEquals(List.of(AwarenessRecords.ANONYMOUS), docService.principalsOf(doc), "auth off: anonymous");
            client.send(new SyncStep2(new byte[] {0, 0}));
            client.send(new SyncStep1(EMPTY_STATE_VECTOR));
            client.awaitMessage(m -> m instanceof SyncStep1);
            assertEquals(1, docService.updatesOf(doc).size(), "empty updates are not produced");
        }
    }

    @Test
    void aPacedBurstIsProducedAsFewerRecordsThatStillHoldEveryKeystrokeForPeersAndTheLog() {
        // default rate 500/s, a bucket of 1,000: the first keystrokes go one by one, the rest wait
        // and each wake-up's worth is merged into one record
        String doc = newDoc();
        int keystrokes = 4_000;
        try (WsClient writer = WsClient.connect(base, doc); WsClient reader = WsClient.connect(base, doc)) {
            // the reader synced, as providers are: registered before the first keystroke (its open
            // may still run on the gateway after the client saw the upgrade answer)
            reader.send(new SyncStep1(EMPTY_STATE_VECTOR));
            reader.awaitMessage(m -> m instanceof SyncStep1);
            for (int i = 0; i < keystrokes; i++) {
                writer.send(new SyncUpdate(TestUpdates.text(9, i, "k")));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> docService.clockOf(doc, 9) == keystrokes);
            int records = docService.updatesOf(doc).size();
            assertTrue(records < keystrokes - 500, "the paced keystrokes were merged: " + records + " records");
            await().atMost(Duration.ofSeconds(20)).until(() -> clockReceived(reader, 9) == keystrokes);
            assertFalse(writer.isClosed());
        }
    }

    private static long clockReceived(WsClient client, long clientId) {
        List<byte[]> updates = client.received().stream()
            .filter(m -> m instanceof SyncUpdate).map(m -> ((SyncUpdate) m).update()).toList();
        return updates.isEmpty() ? 0 : dev.skein.ycrdt.id.StateVector.decode(
            Updates.encodeStateVectorFromUpdate(Updates.mergeUpdates(updates))).get(clientId);
    }

    @Test
    void lateJoinerGetsTheWholeDocument() {
        String doc = newDoc();
        byte[] u1 = TestUpdates.text(1, 0, "hello");
        byte[] u2 = TestUpdates.text(1, 5, " world");
        try (WsClient writer = WsClient.connect(base, doc)) {
            writer.send(new SyncUpdate(u1));
            writer.send(new SyncUpdate(u2));
            // one record or two: sent back to back, the two may arrive in one read and be merged
            await().atMost(Duration.ofSeconds(20)).until(() -> docService.clockOf(doc, 1) == 11);
        }
        try (WsClient late = WsClient.connect(base, doc)) {
            late.send(new SyncStep1(EMPTY_STATE_VECTOR));
            SyncStep2 step2 = (SyncStep2) late.awaitMessage(m -> m instanceof SyncStep2);
            assertArrayEquals(Updates.mergeUpdates(List.of(u1, u2)), step2.update());
            SyncStep1 step1 = (SyncStep1) late.awaitMessage(m -> m instanceof SyncStep1);
            assertArrayEquals(Updates.encodeStateVectorFromUpdate(Updates.mergeUpdates(List.of(u1, u2))), step1.stateVector());
        }
    }

    @Test
    void awarenessIsFannedOutToEveryoneAndQueryAnswered() {
        String doc = newDoc();
        byte[] state = AwarenessUpdate.encode(List.of(new AwarenessUpdate.Entry(42, 1, "{\"user\":\"ann\"}")));
        try (WsClient ann = WsClient.connect(base, doc); WsClient ben = WsClient.connect(base, doc)) {
            ann.send(new AwarenessMessage(state));
            ben.awaitMessage(m -> m.equals(new AwarenessMessage(state)));
            ann.awaitMessage(m -> m.equals(new AwarenessMessage(state)));
            ben.send(new QueryAwareness());
            await().atMost(Duration.ofSeconds(20)).until(() ->
                ben.received().stream().filter(m -> m.equals(new AwarenessMessage(state))).count() == 2);
        }
        try (WsClient watcher = WsClient.connect(base, doc)) {
            byte[] removal = AwarenessUpdate.encode(List.of(AwarenessUpdate.Entry.removal(42, 1)));
            assertTrue(removal.length > 0);
            try (WsClient ann = WsClient.connect(base, doc)) {
                ann.send(new AwarenessMessage(state));
                watcher.awaitMessage(m -> m.equals(new AwarenessMessage(state)));
            }
            watcher.awaitMessage(m -> m.equals(new AwarenessMessage(removal)));
        }
    }

    @Test
    void aStateTheClientRelaysIsNotRemovedWhenItsConnectionCloses() {
        // the stock provider sends back every state it receives; those belong to other connections
        String doc = newDoc();
        byte[] annState = AwarenessUpdate.encode(List.of(new AwarenessUpdate.Entry(7, 1, "{\"user\":\"ann\"}")));
        byte[] benState = AwarenessUpdate.encode(List.of(new AwarenessUpdate.Entry(8, 1, "{\"user\":\"ben\"}")));
        byte[] benGone = AwarenessUpdate.encode(List.of(AwarenessUpdate.Entry.removal(8, 1)));
        try (WsClient ann = WsClient.connect(base, doc); WsClient watcher = WsClient.connect(base, doc)) {
            try (WsClient ben = WsClient.connect(base, doc)) {
                ben.send(new AwarenessMessage(benState));
                ben.awaitMessage(m -> m.equals(new AwarenessMessage(benState)));
                ann.send(new AwarenessMessage(annState));
                ben.awaitMessage(m -> m.equals(new AwarenessMessage(annState)));
                ben.send(new AwarenessMessage(annState));
                await().atMost(Duration.ofSeconds(20)).until(() ->
                    watcher.received().stream().filter(m -> m.equals(new AwarenessMessage(annState))).count() == 2);
            }
            // exactly ben's removal: one record holds every removal of the closed connection
            watcher.awaitMessage(m -> m.equals(new AwarenessMessage(benGone)));
        }
    }

    @Test
    void aRemovalStillInTheCoalescingWindowIsProducedWhenTheConnectionCloses() {
        String doc = newDoc();
        byte[] state = AwarenessUpdate.encode(List.of(new AwarenessUpdate.Entry(9, 1, "{\"cursor\":3}")));
        byte[] removal = AwarenessUpdate.encode(List.of(AwarenessUpdate.Entry.removal(9, 1)));
        try (WsClient watcher = WsClient.connect(base, doc)) {
            try (WsClient tab = WsClient.connect(base, doc)) {
                // the state opens the window (produced at once); the removal lands inside it
                tab.send(new AwarenessMessage(state));
                tab.send(new AwarenessMessage(removal));
            }
            watcher.awaitMessage(m -> m.equals(new AwarenessMessage(removal)));
        }
    }
}
