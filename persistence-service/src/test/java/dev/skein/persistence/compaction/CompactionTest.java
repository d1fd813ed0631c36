package dev.skein.persistence.compaction;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.persistence.Cluster;
import dev.skein.persistence.PersistenceTestProfile;
import dev.skein.persistence.TestUpdates;
import dev.skein.storage.format.StoredObjectCodec;
import dev.skein.storage.format.UpdateEncoding;
import dev.skein.storage.layout.BatchName;
import dev.skein.storage.layout.DocumentObjects;
import dev.skein.storage.layout.SnapshotName;
import dev.skein.testkit.kafka.KafkaTestResource;
import dev.skein.testkit.s3.S3TestResource;
import dev.skein.ycrdt.update.Compaction;
import dev.skein.ycrdt.update.Updates;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Compaction through the running service and, for crash points, step by step on real storage. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(S3TestResource.class)
@TestProfile(PersistenceTestProfile.class)
class CompactionTest {

    private static Cluster cluster;

    @Inject
    Compactor compactor;

    @BeforeAll
    static void connect() {
        cluster = Cluster.forQuarkusTests();
    }

    @AfterAll
    static void disconnect() {
        cluster.close();
    }

    @Test
    void manyBatchesBecomeOneSnapshotWithTheSameDocument() {
        String doc = "compact-" + UUID.randomUUID();
        int count = PersistenceTestProfile.MAX_UPDATES * PersistenceTestProfile.COMPACTION_THRESHOLD;
        List<byte[]> updates = new ArrayList<>();
        long last = -1;
        for (int i = 0; i < count; i++) {
            byte[] update = TestUpdates.text(21, i, "x");
            updates.add(update);
            last = cluster.produce(doc, update);
        }
        SnapshotName snapshot = new SnapshotName(doc, cluster.partitionOf(doc), last);
        await().atMost(Duration.ofSeconds(60)).until(() -> cluster.objects(doc).snapshots().contains(snapshot)
            && cluster.objects(doc).batches().isEmpty());
        assertEquals(1, cluster.objects(doc).all().size(), "the snapshot replaced the four batches");
        assertSameDocument(Compaction.mergeAndCompact(updates), cluster.reader().load(doc).orElseThrow().state());
    }

    @Test
    void aCrashAtAnyStepOfACompactionLosesNothing() {
        String doc = "crash-" + UUID.randomUUID();
        List<byte[]> updates = new ArrayList<>();
        List<BatchName> batches = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] update = TestUpdates.text(22, i * 2L, "y" + i);
            updates.add(update);
            BatchName batch = new BatchName(doc, 3, i * 10L, i * 10L + 9);
            batches.add(batch);
            cluster.store().put(batch.key(), StoredObjectCodec.batch(batch, update, UpdateEncoding.V1));
        }
        byte[] expected = Compaction.mergeAndCompact(updates);

        // crash right after the new snapshot was written, before any deletion
        SnapshotName snapshot = new SnapshotName(doc, 3, 29);
        cluster.store().put(snapshot.key(), StoredObjectCodec.snapshot(snapshot,
            Compaction.mergeAndCompact(updates.subList(0, 3)), UpdateEncoding.V2));
        assertSameDocument(expected, cluster.reader().load(doc).orElseThrow().state());
        assertEquals(List.of(snapshot, batches.get(3)), cluster.objects(doc).readPlan(), "covered batches are not read");

        // crash in the middle of the deletions
        cluster.store().delete(batches.get(1).key());
        assertSameDocument(expected, cluster.reader().load(doc).orElseThrow().state());

        // the next compaction finishes the work
        CompactionResult result = compactor.compact(doc);
        assertEquals("compacted", result.outcome());
        DocumentObjects after = cluster.objects(doc);
        assertEquals(List.of(new SnapshotName(doc, 3, 39)), after.snapshots());
        assertTrue(after.batches().isEmpty());
        assertSameDocument(expected, cluster.reader().load(doc).orElseThrow().state());

        // nothing new: nothing written, nothing lost
        assertEquals("up-to-date", compactor.compact(doc).outcome());
        assertSameDocument(expected, cluster.reader().load(doc).orElseThrow().state());
    }

    @Test
    void keepsOnlyTheConfiguredNumberOfSnapshots() {
        String doc = "retention-" + UUID.randomUUID();
        byte[] first = TestUpdates.text(23, 0, "a");
        byte[] second = TestUpdates.text(23, 1, "b");
        BatchName one = new BatchName(doc, 0, 0, 0);
        cluster.store().put(one.key(), StoredObjectCodec.batch(one, first, UpdateEncoding.V1));
        compactor.compact(doc);
        BatchName two = new BatchName(doc, 0, 1, 1);
        cluster.store().put(two.key(), StoredObjectCodec.batch(two, second, UpdateEncoding.V1));
        CompactionResult result = compactor.compact(doc);
        assertEquals(List.of(new SnapshotName(doc, 0, 1)), cluster.objects(doc).snapshots(), "keep-snapshots=1");
        assertTrue(result.deleted().contains(new SnapshotName(doc, 0, 0).key()));
        assertSameDocument(Compaction.mergeAndCompact(List.of(first, second)), cluster.reader().load(doc).orElseThrow().state());
    }

    /** Same structs and deletions: each state holds nothing the other lacks. */
    static void assertSameDocument(byte[] expected, byte[] actual) {
        assertArrayEquals(Updates.encodeStateVectorFromUpdate(expected), Updates.encodeStateVectorFromUpdate(actual));
        assertArrayEquals(Compaction.mergeAndCompact(List.of(expected)), Compaction.mergeAndCompact(List.of(actual)));
    }
}
