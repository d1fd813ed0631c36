package dev.skein.doc.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.contract.DocumentRecords;
import dev.skein.contract.Partitions;
import dev.skein.contract.SyncReply;
import dev.skein.contract.SyncRequest;
import dev.skein.contract.Topics;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.doc.KafkaSupport;
import dev.skein.doc.TestUpdates;
import dev.skein.doc.kafka.UpdateLog;
import dev.skein.doc.metrics.DocMetrics;
import dev.skein.ycrdt.update.Compaction;
import dev.skein.ycrdt.update.Updates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** In-band sync requests are answered in log order, routed to the requester's partition, chunked when large. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class SyncRoutingTest {

    @Inject
    UpdateLog log;

    @Inject
    DocMetrics metrics;

    private KafkaSupport gateway;

    @BeforeEach
    void setUp() {
        await().atMost(Duration.ofSeconds(60)).until(log::isReady);
        gateway = new KafkaSupport("gw-" + UUID.randomUUID());
    }

    @AfterEach
    void tearDown() {
        gateway.close();
    }

    private void produce(ProducerRecord<String, byte[]> record) throws Exception {
        gateway.producer().send(record).get();
    }

    private int partitionOf(String doc) {
        return Partitions.forDocument(doc, gateway.updatePartitions());
    }

    @Test
    void requestIsAnsweredWithEverythingBeforeItDiffedAgainstTheClientVector() throws Exception {
        String doc = "sync-" + UUID.randomUUID();
        byte[] u1 = TestUpdates.text(1, 0, "abc");
        byte[] u2 = TestUpdates.text(1, 3, "def");
        byte[] u3 = TestUpdates.text(2, 0, "xyz");
        for (byte[] update : List.of(u1, u2, u3)) {
            produce(DocumentRecords.update(Topics.UPDATES_DEFAULT, partitionOf(doc), doc, update, "test"));
        }
        byte[] clientState = u1;
        String correlationId = UUID.randomUUID().toString();
        String replyTo = gateway.instanceId();
        produce(new SyncRequest(doc, correlationId, replyTo, Updates.encodeStateVectorFromUpdate(clientState))
            .toRecord(Topics.UPDATES_DEFAULT, partitionOf(doc)));
        SyncReply reply = gateway.awaitReply(correlationId);
        byte[] all = Updates.mergeUpdates(List.of(u1, u2, u3));
        assertArrayEquals(Updates.diffUpdate(all, Updates.encodeStateVectorFromUpdate(clientState)), reply.update());
        assertArrayEquals(Updates.encodeStateVectorFromUpdate(all), reply.stateVector());
        assertEquals(doc, reply.docId());
    }

    @Test
    void tenMegabyteDocumentSyncsInPartsUnderTheDefaultRecordLimit() throws Exception {
        String doc = "big-" + UUID.randomUUID();
        List<byte[]> updates = new ArrayList<>();
        String chunk = "z".repeat(512 * 1024);
        for (int i = 0; i < 20; i++) {
            byte[] update = TestUpdates.text(1, (long) i * chunk.length(), chunk);
            updates.add(update);
            produce(DocumentRecords.update(Topics.UPDATES_DEFAULT, partitionOf(doc), doc, update, "test"));
        }
        String correlationId = UUID.randomUUID().toString();
        produce(new SyncRequest(doc, correlationId, gateway.instanceId(), new byte[] {0})
            .toRecord(Topics.UPDATES_DEFAULT, partitionOf(doc)));
        SyncReply reply = gateway.awaitReply(correlationId);
        assertTrue(reply.update().length > 10 * 1024 * 1024);
        assertArrayEquals(Compaction.mergeAndCompact(updates), reply.update());
        assertTrue(gateway.partsSeen() >= 20, "reply came in parts: " + gateway.partsSeen());
        assertTrue(gateway.largestPart() <= 1_000_000, "parts stay under Kafka's default 1 MB record limit");
    }

    @Test
    void malformedRecordsAreSkippedAndReported() throws Exception {
        String doc = "poison-" + UUID.randomUUID();
        int partition = partitionOf(doc);
        double before = metrics.skippedCount("malformed-update");
        produce(DocumentRecords.update(Topics.UPDATES_DEFAULT, partition, doc, new byte[] {9, 9, 9}, "test"));
        produce(new ProducerRecord<>(Topics.UPDATES_DEFAULT, partition, doc, "no kind".getBytes(StandardCharsets.UTF_8)));
        ProducerRecord<String, byte[]> headless = new ProducerRecord<>(Topics.UPDATES_DEFAULT, partition, doc, new byte[] {0});
        headless.headers().add("skein-kind", "sync-request".getBytes(StandardCharsets.UTF_8));
        produce(headless);
        byte[] good = TestUpdates.text(3, 0, "still alive");
        produce(DocumentRecords.update(Topics.UPDATES_DEFAULT, partition, doc, good, "test"));
        String correlationId = UUID.randomUUID().toString();
        produce(new SyncRequest(doc, correlationId, gateway.instanceId(), new byte[] {0}).toRecord(Topics.UPDATES_DEFAULT, partition));
        assertArrayEquals(good, gateway.awaitReply(correlationId).update());
        assertTrue(metrics.skippedCount("malformed-update") > before);
        assertTrue(metrics.skippedCount("unknown-kind") > 0);
        assertTrue(metrics.skippedCount("malformed-sync-request") > 0);
    }

}
