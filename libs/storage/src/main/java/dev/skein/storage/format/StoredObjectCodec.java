package dev.skein.storage.format;

import dev.skein.storage.layout.BatchName;
import dev.skein.storage.layout.SnapshotName;
import dev.skein.storage.layout.StoredName;
import dev.skein.ycrdt.update.Updates;

/** Encodes the objects named by the layout, and decodes them checking that header and name agree. */
public final class StoredObjectCodec {

    private StoredObjectCodec() {
    }

    /** The object for a batch, from a Yjs v1 update, stored in {@code encoding}. */
    public static byte[] batch(BatchName name, byte[] updateV1, UpdateEncoding encoding) {
        ObjectHeader header = new ObjectHeader(ObjectKind.BATCH, encoding, name.partition(), name.fromOffset(),
            name.toOffset());
        return ObjectFormat.encode(header, payload(updateV1, encoding));
    }

    /** The object for a snapshot, from a Yjs v1 update, stored in {@code encoding}. */
    public static byte[] snapshot(SnapshotName name, byte[] updateV1, UpdateEncoding encoding) {
        ObjectHeader header = new ObjectHeader(ObjectKind.SNAPSHOT, encoding, name.partition(), 0, name.offset());
        return ObjectFormat.encode(header, payload(updateV1, encoding));
    }

    /**
     * Decodes the object stored under {@code name}.
     *
     * @throws StorageFormatException if it cannot be decoded or its header describes another object
     */
    public static DecodedObject decode(StoredName name, byte[] object) {
        DecodedObject decoded = ObjectFormat.decode(object);
        ObjectHeader header = decoded.header();
        ObjectKind expectedKind = name instanceof BatchName ? ObjectKind.BATCH : ObjectKind.SNAPSHOT;
        long expectedFrom = name instanceof BatchName batch ? batch.fromOffset() : 0;
        if (header.kind() != expectedKind || header.partition() != name.partition()
            || header.fromOffset() != expectedFrom || header.toOffset() != name.lastOffset()) {
            throw new CorruptObjectException("header " + header + " does not match object " + name.key());
        }
        return decoded;
    }

    private static byte[] payload(byte[] updateV1, UpdateEncoding encoding) {
        return encoding == UpdateEncoding.V1 ? updateV1 : Updates.convertUpdateFormatV1ToV2(updateV1);
    }
}
