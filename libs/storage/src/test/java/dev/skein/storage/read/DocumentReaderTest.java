package dev.skein.storage.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.storage.TextUpdates;
import dev.skein.storage.format.ObjectFormat;
import dev.skein.storage.format.StoredObjectCodec;
import dev.skein.storage.format.UnsupportedObjectFormatException;
import dev.skein.storage.format.UpdateEncoding;
import dev.skein.storage.layout.BatchName;
import dev.skein.storage.layout.SnapshotName;
import dev.skein.storage.s3.S3ObjectStore;
import dev.skein.storage.s3.StorageSettings;
import dev.skein.testkit.s3.S3Server;
import dev.skein.testkit.s3.SharedS3Server;
import dev.skein.ycrdt.update.Compaction;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real S3 API (S3Proxy). */
class DocumentReaderTest {

    private static S3ObjectStore store;
    private static DocumentReader reader;

    @BeforeAll
    static void connect() {
        S3Server s3 = SharedS3Server.get();
        store = new S3ObjectStore(new StorageSettings(s3.endpoint(), s3.accessKey(), s3.secretKey(), "reader-test",
            StorageSettings.REGION_DEFAULT));
        store.ensureBucket();
        store.ensureBucket();
        reader = new DocumentReader(store);
    }

    @Test
    void aDocumentWithoutObjectsIsAbsent() {
        assertTrue(reader.load("nothing-" + UUID.randomUUID()).isEmpty());
    }

    @Test
    void loadsTheNewestSnapshotPlusTheBatchesAboveIt() {
        String doc = "doc-" + UUID.randomUUID();
        byte[] a = TextUpdates.text(1, 0, "ab");
        byte[] b = TextUpdates.text(1, 2, "cd");
        byte[] c = TextUpdates.text(2, 0, "xy");
        byte[] stale = TextUpdates.text(3, 0, "this batch is covered and never read");
        put(new BatchName(doc, 0, 0, 3), stale, UpdateEncoding.V1);
        put(new SnapshotName(doc, 0, 3), Compaction.mergeAndCompact(List.of(a)), UpdateEncoding.V2);
        put(new BatchName(doc, 0, 4, 9), b, UpdateEncoding.V1);
        put(new BatchName(doc, 0, 10, 12), c, UpdateEncoding.V2);

        LoadedDocument loaded = reader.load(doc).orElseThrow();
        assertArrayEquals(Compaction.mergeAndCompact(List.of(a, b, c)), loaded.state());
        assertEquals(3, loaded.read().size());
        assertEquals(4, loaded.objects().all().size());
    }

    @Test
    void aMissingBucketHoldsNothing() {
        S3Server s3 = SharedS3Server.get();
        S3ObjectStore missing = new S3ObjectStore(new StorageSettings(s3.endpoint(), s3.accessKey(), s3.secretKey(),
            "never-created", StorageSettings.REGION_DEFAULT));
        assertTrue(new DocumentReader(missing).load("doc").isEmpty());
    }

    @Test
    void refusesAnObjectOfAnUnknownVersion() {
        String doc = "doc-" + UUID.randomUUID();
        BatchName name = new BatchName(doc, 0, 0, 0);
        byte[] object = StoredObjectCodec.batch(name, TextUpdates.text(1, 0, "a"), UpdateEncoding.V1);
        object[4] = (byte) (ObjectFormat.VERSION + 1);
        store.put(name.key(), object);
        assertThrows(UnsupportedObjectFormatException.class, () -> reader.load(doc));
    }

    @Test
    void aTruncatedBatchIsLeftOutAndReportedWithTheLogRangeItHeld() {
        String doc = "doc-" + UUID.randomUUID();
        byte[] a = TextUpdates.text(1, 0, "ab");
        byte[] b = TextUpdates.text(1, 2, "cd");
        byte[] c = TextUpdates.text(2, 0, "xy");
        put(new SnapshotName(doc, 0, 3), a, UpdateEncoding.V1);
        BatchName truncated = new BatchName(doc, 0, 4, 9);
        byte[] object = StoredObjectCodec.batch(truncated, b, UpdateEncoding.V1);
        store.put(truncated.key(), java.util.Arrays.copyOf(object, object.length - 3));
        put(new BatchName(doc, 0, 10, 12), c, UpdateEncoding.V2);

        LoadedDocument loaded = reader.load(doc).orElseThrow();
        assertArrayEquals(Compaction.mergeAndCompact(List.of(a, c)), loaded.state(), "served from the rest");
        assertEquals(1, loaded.damaged().size());
        DamagedObject damaged = loaded.damaged().get(0);
        assertEquals(truncated, damaged.name());
        assertEquals(List.of(0, 4L, 9L), List.of(damaged.partition(), damaged.fromOffset(), damaged.toOffset()));
        assertTrue(!damaged.reason().isBlank());
        assertTrue(!loaded.isWhole());
    }

    @Test
    void aDamagedSnapshotFallsBackToTheOlderOneAndTheBatchesAboveIt() {
        String doc = "doc-" + UUID.randomUUID();
        byte[] old = TextUpdates.text(1, 0, "ab");
        byte[] between = TextUpdates.text(1, 2, "cd");
        byte[] above = TextUpdates.text(2, 0, "xy");
        put(new SnapshotName(doc, 0, 3), old, UpdateEncoding.V1);
        // kept because retention keeps two snapshots and this batch sits above the newest one
        put(new BatchName(doc, 0, 12, 14), above, UpdateEncoding.V1);
        SnapshotName newest = new SnapshotName(doc, 0, 11);
        byte[] object = StoredObjectCodec.snapshot(newest, Compaction.mergeAndCompact(List.of(old, between)), UpdateEncoding.V2);
        object[object.length - 1] ^= 0x40;
        store.put(newest.key(), object);

        LoadedDocument loaded = reader.load(doc).orElseThrow();
        assertArrayEquals(Compaction.mergeAndCompact(List.of(old, above)), loaded.state());
        assertEquals(List.of(new SnapshotName(doc, 0, 3), new BatchName(doc, 0, 12, 14)), loaded.read());
        DamagedObject damaged = loaded.damaged().get(0);
        assertEquals(newest, damaged.name());
        assertEquals(List.of(4L, 11L), List.of(damaged.fromOffset(), damaged.toOffset()),
            "what the older snapshot does not cover");
    }

    @Test
    void aDocumentWhoseOnlyObjectIsGarbageIsEmptyButReported() {
        String doc = "doc-" + UUID.randomUUID();
        BatchName name = new BatchName(doc, 2, 7, 7);
        store.put(name.key(), "not an object of ours".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        LoadedDocument loaded = reader.load(doc).orElseThrow();
        assertEquals(List.of(), loaded.read());
        assertEquals(List.of(2, 7L, 7L), List.of(loaded.damaged().get(0).partition(),
            loaded.damaged().get(0).fromOffset(), loaded.damaged().get(0).toOffset()));
    }

    @Test
    void storeOperationsWork() {
        String key = "docs/misc-" + UUID.randomUUID() + "/x.bin";
        store.put(key, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, store.get(key).orElseThrow());
        assertEquals(List.of(new dev.skein.storage.s3.ObjectStore.ListedObject(key, 3)),
            store.list(key.substring(0, key.lastIndexOf('/') + 1)));
        store.delete(key);
        store.delete(key);
        assertTrue(store.get(key).isEmpty());
    }

    private static void put(dev.skein.storage.layout.StoredName name, byte[] update, UpdateEncoding encoding) {
        byte[] object = name instanceof BatchName batch
            ? StoredObjectCodec.batch(batch, update, encoding)
            : StoredObjectCodec.snapshot((SnapshotName) name, update, encoding);
        store.put(name.key(), object);
    }

    /**
     * The store of a server that fails the read of an object deleted while it read it (S3Proxy's
     * file store answers 500): the first read of {@code racing} runs {@code meanwhile} (a
     * compaction's work), then fails as that server does.
     */
    private static dev.skein.storage.s3.ObjectStore failingOnce(String racing, Runnable meanwhile) {
        java.util.concurrent.atomic.AtomicBoolean raced = new java.util.concurrent.atomic.AtomicBoolean();
        return new dev.skein.storage.s3.ObjectStore() {
            @Override
            public void ensureBucket() {
                store.ensureBucket();
            }

            @Override
            public void put(String key, byte[] content) {
                store.put(key, content);
            }

            @Override
            public java.util.Optional<byte[]> get(String key) {
                if (key.equals(racing) && raced.compareAndSet(false, true)) {
                    meanwhile.run();
                    throw new dev.skein.storage.s3.StorageException("get " + key + ": 500 from the server", null);
                }
                return store.get(key);
            }

            @Override
            public List<ListedObject> list(String prefix) {
                return store.list(prefix);
            }

            @Override
            public void delete(String key) {
                store.delete(key);
            }
        };
    }

    @Test
    void aBatchThatACompactionDeletesWhileItIsReadIsReadFromTheNewSnapshot() {
        String doc = "doc-" + UUID.randomUUID();
        byte[] a = TextUpdates.text(1, 0, "ab");
        byte[] b = TextUpdates.text(1, 2, "cd");
        BatchName first = new BatchName(doc, 0, 0, 3);
        put(first, a, UpdateEncoding.V1);
        put(new BatchName(doc, 0, 4, 9), b, UpdateEncoding.V1);
        DocumentReader racing = new DocumentReader(failingOnce(first.key(), () -> {
            put(new SnapshotName(doc, 0, 9), Compaction.mergeAndCompact(List.of(a, b)), UpdateEncoding.V2);
            store.delete(first.key());
            store.delete(new BatchName(doc, 0, 4, 9).key());
        }));

        LoadedDocument loaded = racing.load(doc).orElseThrow();
        assertArrayEquals(Compaction.mergeAndCompact(List.of(a, b)), loaded.state());
        assertEquals(List.of(new SnapshotName(doc, 0, 9)), loaded.read());
    }

    @Test
    void aFailedReadOfAnObjectStillThereIsAStorageFailure() {
        String doc = "doc-" + UUID.randomUUID();
        BatchName only = new BatchName(doc, 0, 0, 3);
        put(only, TextUpdates.text(1, 0, "ab"), UpdateEncoding.V1);
        DocumentReader failing = new DocumentReader(failingOnce(only.key(), () -> { }));
        assertThrows(dev.skein.storage.s3.StorageException.class, () -> failing.load(doc));
    }
}
