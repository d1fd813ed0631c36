package dev.skein.storage.layout;

/**
 * {@code docs/{docId}/version-{partition}-{fromOffset}-{offset}.bin}: a version of a document, the
 * point of its history after every record of it up to {@code offset} (inclusive) of the partition.
 * The object holds the version's Yjs state vector and what changed, by whom, in the records from
 * {@code fromOffset} to {@code offset}; its full delete set is the union over every version object
 * up to {@code offset}. When retention drops older versions their changes are folded into the next
 * kept one, which is then written under a lower {@code fromOffset}: the version (its offset) stays,
 * the name changes, so no object is ever rewritten with other content.
 *
 * @param docId the document
 * @param partition the partition of the update topic
 * @param fromOffset first offset whose changes the object holds
 * @param offset the version: the last offset it covers
 */
public record VersionName(String docId, int partition, long fromOffset, long offset) implements StoredName {

    /** Checks the offsets. */
    public VersionName {
        ObjectNames.checkDocId(docId);
        if (partition < 0 || fromOffset < 0 || offset < fromOffset) {
            throw new IllegalArgumentException("invalid version range " + partition + ":" + fromOffset + "-" + offset);
        }
    }

    @Override
    public long lastOffset() {
        return offset;
    }

    @Override
    public String key() {
        return ObjectNames.documentPrefix(docId) + "version-" + partition + "-" + fromOffset + "-" + offset
            + ObjectNames.SUFFIX;
    }
}
