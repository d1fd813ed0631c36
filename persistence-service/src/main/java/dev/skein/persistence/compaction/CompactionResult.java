package dev.skein.persistence.compaction;

import java.util.List;

/**
 * What a compaction did.
 *
 * @param docId the document
 * @param snapshot key of the snapshot written, or {@code null} if none was needed
 * @param deleted keys deleted afterwards (replaced batches, snapshots beyond retention)
 * @param outcome {@code compacted}, {@code up-to-date}, {@code empty} or {@code concurrent-change}
 */
public record CompactionResult(String docId, String snapshot, List<String> deleted, String outcome) {

    /** Copies the list. */
    public CompactionResult {
        deleted = List.copyOf(deleted);
    }
}
