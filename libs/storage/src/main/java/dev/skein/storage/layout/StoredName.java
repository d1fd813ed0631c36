package dev.skein.storage.layout;

/**
 * The parsed name of one object of a document: a {@link BatchName} or a {@link SnapshotName}
 * (the document's content), a {@link VersionName} or a {@link ChangesName} (its history).
 * Names carry the Kafka partition and offsets of what the object holds, which makes every
 * object immutable: the same records always produce the same name.
 */
public sealed interface StoredName permits BatchName, SnapshotName, VersionName, ChangesName {

    /** The document the object belongs to. */
    String docId();

    /** The partition of the update topic whose records the object holds. */
    int partition();

    /** The highest offset of the partition the object covers (inclusive). */
    long lastOffset();

    /** The object key. */
    String key();
}
