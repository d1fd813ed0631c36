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
}
