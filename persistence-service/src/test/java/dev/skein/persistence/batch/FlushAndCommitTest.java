package dev.skein.persistence.batch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.contract.DocumentRecords;
import dev.skein.contract.RecordKind;
import dev.skein.contract.Topics;
import dev.skein.persistence.Cluster;
import dev.skein.persistence.PersistenceTestProfile;
import dev.skein.persistence.TestUpdates;
import dev.skein.persistence.metrics.PersistenceMetrics;
import dev.skein.storage.layout.BatchName;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.testkit.s3.S3TestResource;
import dev.skein.ycrdt.update.Compaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The running service against a real broker and a real S3 API: flush triggers and commit order. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(S3TestResource.class)
@TestProfile(PersistenceTestProfile.class)
class FlushAndCommitTest {

    private static Cluster cluster;

    @Inject
    PersistenceMetrics metrics;

    @BeforeAll
    static void connect() {
        cluster = Cluster.forQuarkusTests();
    }

    @AfterAll
    static void disconnect() {
        cluster.close();
    }

    @Test
    void writesABatchWhenTheCountBoundIsReached() {
        String doc = "count-" + UUID.randomUUID();
        List<byte[]> updates = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        for (int i = 0; i < PersistenceTestProfile.MAX_UPDATES; i++) {
            byte[] update = TestUpdates.text(11, i, "c");
            updates.add(update);
            offsets.add(cluster.produce(doc, update));
        }
        BatchName expected = new BatchName(doc, cluster.partitionOf(doc), offsets.get(0), offsets.get(offsets.size() - 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.objects(doc).batches().contains(expected));
        assertEquals(List.of(expected), cluster.objects(doc).batches(), "one batch holding all five");
        assertArrayEquals(Compaction.mergeAndCompact(updates), cluster.reader().read(expected));
    }

    @Test
    void writesABatchWhenTheSizeBoundIsReached() {
        String doc = "size-" + UUID.randomUUID();
        String big = "s".repeat(PersistenceTestProfile.MAX_BYTES / 2 + 100);
        long first = cluster.produce(doc, TestUpdates.text(12, 0, big));
        long second = cluster.produce(doc, TestUpdates.text(12, big.length(), big));
        BatchName expected = new BatchName(doc, cluster.partitionOf(doc), first, second);
        await().atMost(Duration.ofSeconds(30)).until(() -> !cluster.objects(doc).isEmpty());
        assertEquals(List.of(expected), cluster.objects(doc).batches(), "two updates over the size bound, one batch");
    }

    @Test
    void writesABatchWhenTheTimeBoundIsReached() {
        String doc = "time-" + UUID.randomUUID();
        long started = System.nanoTime();
        long offset = cluster.produce(doc, TestUpdates.text(13, 0, "t"));
        BatchName expected = new BatchName(doc, cluster.partitionOf(doc), offset, offset);
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.objects(doc).batches().contains(expected));
        assertTrue(System.nanoTime() - started >= Duration.ofMillis(1500).toNanos(), "not before max-age");
    }

    @Test
    void commitsAPartitionOnlyBelowWhatIsWritten() {
        String doc = "commit-" + UUID.randomUUID();
        int partition = cluster.partitionOf(doc);
        long first = cluster.produce(doc, TestUpdates.text(14, 0, "a"));
        long last = cluster.produce(doc, TestUpdates.text(14, 1, "b"));
        BatchName batch = new BatchName(doc, partition, first, last);
        // Read the offset before looking for the batch: the service writes before it commits, so an
        // offset past the first pending record implies that the batch already exists.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            long committed = cluster.committed(partition);
            boolean written = cluster.objects(doc).batches().contains(batch);
            assertFalse(committed > first && !written, "committed " + committed + " before " + batch.key() + " was written");
            return committed > last;
        });
    }

    @Test
    void skipsAndCountsMalformedRecordsAndStoresWhatFollows() {
        String doc = "malformed-" + UUID.randomUUID();
        double before = metrics.skippedCount("malformed-update");
        cluster.produce(doc, new byte[] {(byte) 0xff, 1, 2});
        ProducerRecord<String, byte[]> unknown = new ProducerRecord<>(Topics.UPDATES_DEFAULT, cluster.partitionOf(doc), doc,
            new byte[] {0, 0});
        unknown.headers().add("skein-kind", "no-such-kind".getBytes());
        cluster.send(unknown);
        ProducerRecord<String, byte[]> request = DocumentRecords.update(Topics.UPDATES_DEFAULT, cluster.partitionOf(doc),
            doc, new byte[] {0}, "test/c");
        request.headers().remove("skein-kind");
        RecordKind.SYNC_REQUEST.writeTo(request.headers());
        cluster.send(request);
        long good = cluster.produce(doc, TestUpdates.text(15, 0, "ok"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !cluster.objects(doc).isEmpty());
        assertEquals(List.of(new BatchName(doc, cluster.partitionOf(doc), good, good)), cluster.objects(doc).batches());
        assertEquals(before + 1, metrics.skippedCount("malformed-update"));
    }
}
