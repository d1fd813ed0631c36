package dev.skein.storage.layout;

/**
 * {@code docs/{docId}/snapshot-{partition}-{offset}.bin}: the compacted full state of a document,
 * covering every {@code update} record of it at offsets up to {@code offset} (inclusive) of the
 * partition.
 *
 * @param docId the document
 * @param partition the partition of the update topic
 * @param offset the highest offset the snapshot covers
 */
public record SnapshotName(String docId, int partition, long offset) implements StoredName {

    /** Checks the offset. */
    public SnapshotName {
        ObjectNames.checkDocId(docId);
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("invalid snapshot position " + partition + ":" + offset);
        }
    }

    @Override
    public long lastOffset() {
        return offset;
    }

    @Override
    public String key() {
        return ObjectNames.documentPrefix(docId) + "snapshot-" + partition + "-" + offset + ObjectNames.SUFFIX;
    }
}
