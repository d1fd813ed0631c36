package dev.skein.storage.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.storage.TextUpdates;
import dev.skein.storage.layout.BatchName;
import dev.skein.storage.layout.SnapshotName;
import dev.skein.ycrdt.update.Updates;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectFormatTest {

    private static final byte[] UPDATE = Updates.mergeUpdates(List.of(
        TextUpdates.text(7, 0, "hello"), TextUpdates.text(7, 5, " world")));

    @Test
    void headerLayoutIsPinned() {
        byte[] object = ObjectFormat.encode(new ObjectHeader(ObjectKind.BATCH, UpdateEncoding.V1, 3, 10, 20), new byte[] {9});
        assertEquals(ObjectFormat.HEADER_BYTES + 1, object.length);
        assertArrayEquals(new byte[] {'S', 'K', 'Y', 'O', 1, 1, 1, 0, 0, 0, 0, 3}, Arrays.copyOf(object, 12));
        assertEquals(20, object[27]);
        assertEquals(1, object[31], "payload length");
        assertEquals(9, object[36]);
    }

    @Test
    void batchRoundTripsInBothEncodings() {
        BatchName name = new BatchName("doc", 2, 100, 140);
        for (UpdateEncoding encoding : UpdateEncoding.values()) {
            DecodedObject decoded = StoredObjectCodec.decode(name, StoredObjectCodec.batch(name, UPDATE, encoding));
            assertEquals(new ObjectHeader(ObjectKind.BATCH, encoding, 2, 100, 140), decoded.header());
            assertArrayEquals(UPDATE, decoded.updateV1(), "payload of " + encoding);
        }
    }

    @Test
    void snapshotHeaderCoversFromTheBeginning() {
        SnapshotName name = new SnapshotName("doc", 1, 77);
        DecodedObject decoded = StoredObjectCodec.decode(name, StoredObjectCodec.snapshot(name, UPDATE, UpdateEncoding.V1));
        assertEquals(new ObjectHeader(ObjectKind.SNAPSHOT, UpdateEncoding.V1, 1, 0, 77), decoded.header());
    }

    @Test
    void rejectsAnUnknownFormatVersionWithAClearError() {
        byte[] object = ObjectFormat.encode(new ObjectHeader(ObjectKind.BATCH, UpdateEncoding.V1, 0, 0, 0), UPDATE);
        object[4] = 2;
        UnsupportedObjectFormatException e = assertThrows(UnsupportedObjectFormatException.class,
            () -> ObjectFormat.decode(object));
        assertTrue(e.getMessage().contains("object format version 2 is not supported"), e.getMessage());
        assertTrue(e.getMessage().contains("supports version 1"), e.getMessage());
    }

    @Test
    void rejectsAnUnknownEncoding() {
        byte[] object = ObjectFormat.encode(new ObjectHeader(ObjectKind.BATCH, UpdateEncoding.V1, 0, 0, 0), UPDATE);
        object[6] = 3;
        assertThrows(UnsupportedObjectFormatException.class, () -> ObjectFormat.decode(object));
    }

    @Test
    void rejectsForeignTruncatedAndDamagedObjects() {
        byte[] object = ObjectFormat.encode(new ObjectHeader(ObjectKind.BATCH, UpdateEncoding.V1, 0, 0, 0), UPDATE);
        assertThrows(CorruptObjectException.class, () -> ObjectFormat.decode("not ours".getBytes()));
        assertThrows(CorruptObjectException.class, () -> ObjectFormat.decode(new byte[0]));
        assertThrows(CorruptObjectException.class, () -> ObjectFormat.decode(Arrays.copyOf(object, 20)));
        assertThrows(CorruptObjectException.class, () -> ObjectFormat.decode(Arrays.copyOf(object, object.length - 1)));
        byte[] damaged = object.clone();
        damaged[damaged.length - 1] ^= 1;
        assertThrows(CorruptObjectException.class, () -> ObjectFormat.decode(damaged));
    }

    @Test
    void rejectsAnObjectStoredUnderAnotherName() {
        byte[] object = StoredObjectCodec.batch(new BatchName("doc", 0, 1, 2), UPDATE, UpdateEncoding.V1);
        assertThrows(CorruptObjectException.class, () -> StoredObjectCodec.decode(new BatchName("doc", 0, 1, 3), object));
        assertThrows(CorruptObjectException.class, () -> StoredObjectCodec.decode(new SnapshotName("doc", 0, 2), object));
    }
}
