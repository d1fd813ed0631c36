package dev.skein.storage.format;

import dev.skein.storage.layout.BatchName;
import dev.skein.storage.layout.ChangesName;
import dev.skein.storage.layout.SnapshotName;
import dev.skein.storage.layout.StoredName;
import dev.skein.storage.layout.VersionName;
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

    /** The object for a version, from its history record (see {@code HistoryCodec}). */
    public static byte[] version(VersionName name, byte[] record) {
        ObjectHeader header = new ObjectHeader(ObjectKind.VERSION, UpdateEncoding.V1, name.partition(), name.fromOffset(),
            name.offset());
        return ObjectFormat.encode(header, record);
    }

    /** The object for the changes of a batch, from its history record (see {@code HistoryCodec}). */
    public static byte[] changes(ChangesName name, byte[] record) {
        ObjectHeader header = new ObjectHeader(ObjectKind.CHANGES, UpdateEncoding.V1, name.partition(), name.fromOffset(),
            name.toOffset());
        return ObjectFormat.encode(header, record);
    }

    /**
     * Decodes the object stored under {@code name}.
     *
     * @throws StorageFormatException if it cannot be decoded or its header describes another object
     */
    public static DecodedObject decode(StoredName name, byte[] object) {
        DecodedObject decoded = ObjectFormat.decode(object);
        ObjectHeader header = decoded.header();
        ObjectKind expectedKind = kindOf(name);
        long expectedFrom = firstOffsetOf(name);
        if (header.kind() != expectedKind || header.partition() != name.partition()
            || header.fromOffset() != expectedFrom || header.toOffset() != name.lastOffset()) {
            throw new CorruptObjectException("header " + header + " does not match object " + name.key());
        }
        return decoded;
    }

    /** The kind of object stored under a name. */
    public static ObjectKind kindOf(StoredName name) {
        if (name instanceof BatchName) {
            return ObjectKind.BATCH;
        } else if (name instanceof SnapshotName) {
            return ObjectKind.SNAPSHOT;
        } else if (name instanceof VersionName) {
            return ObjectKind.VERSION;
        }
        return ObjectKind.CHANGES;
    }

    /** The first offset a name says its object covers (0 for a snapshot, which covers everything before it). */
    public static long firstOffsetOf(StoredName name) {
        if (name instanceof BatchName batch) {
            return batch.fromOffset();
        } else if (name instanceof VersionName version) {
            return version.fromOffset();
        } else if (name instanceof ChangesName changes) {
            return changes.fromOffset();
        }
        return 0;
    }

    private static byte[] payload(byte[] updateV1, UpdateEncoding encoding) {
        return encoding == UpdateEncoding.V1 ? updateV1 : Updates.convertUpdateFormatV1ToV2(updateV1);
    }
}
