package dev.skein.storage.layout;

/**
 * {@code docs/{docId}/changes-{partition}-{fromOffset}-{toOffset}.bin}: who changed what in the
 * batch of the same range (written with it for documents with history on), so that the next
 * version can name its authors after a restart, when those records are not read again. Deleted
 * once a version covers them.
 *
 * @param docId the document
 * @param partition the partition of the update topic
 * @param fromOffset offset of the batch's first record
 * @param toOffset offset of the batch's last record
 */
public record ChangesName(String docId, int partition, long fromOffset, long toOffset) implements StoredName {

    /** Checks the offsets. */
    public ChangesName {
        ObjectNames.checkDocId(docId);
        if (partition < 0 || fromOffset < 0 || toOffset < fromOffset) {
            throw new IllegalArgumentException("invalid changes range " + partition + ":" + fromOffset + "-" + toOffset);
        }
    }

    /** The changes of a batch. */
    public static ChangesName of(BatchName batch) {
        return new ChangesName(batch.docId(), batch.partition(), batch.fromOffset(), batch.toOffset());
    }

    @Override
    public long lastOffset() {
        return toOffset;
    }

    @Override
    public String key() {
        return ObjectNames.documentPrefix(docId) + "changes-" + partition + "-" + fromOffset + "-" + toOffset
            + ObjectNames.SUFFIX;
    }
}
