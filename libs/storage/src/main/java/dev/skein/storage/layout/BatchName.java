package dev.skein.storage.layout;

/**
 * {@code docs/{docId}/batch-{partition}-{fromOffset}-{toOffset}.bin}: the merged updates of one
 * flush. It holds every {@code update} record of the document at offsets {@code fromOffset} to
 * {@code toOffset} (both inclusive) of the partition.
 *
 * @param docId the document
 * @param partition the partition of the update topic
 * @param fromOffset offset of the first record merged into the batch
 * @param toOffset offset of the last record merged into the batch
 */
public record BatchName(String docId, int partition, long fromOffset, long toOffset) implements StoredName {

    /** Checks the offsets. */
    public BatchName {
        ObjectNames.checkDocId(docId);
        if (partition < 0 || fromOffset < 0 || toOffset < fromOffset) {
            throw new IllegalArgumentException("invalid batch range " + partition + ":" + fromOffset + "-" + toOffset);
        }
    }

    @Override
    public long lastOffset() {
        return toOffset;
    }

    @Override
    public String key() {
        return ObjectNames.documentPrefix(docId) + "batch-" + partition + "-" + fromOffset + "-" + toOffset
            + ObjectNames.SUFFIX;
    }
}
