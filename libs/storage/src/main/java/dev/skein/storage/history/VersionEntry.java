package dev.skein.storage.history;

import java.util.List;

/**
 * A version as listed: one per offset, whatever objects hold it.
 *
 * @param version the version's number: the update-topic offset it covers up to
 * @param time when its last change (or the request) reached the log, epoch milliseconds
 * @param trigger why it was taken
 * @param label its label, empty for none
 * @param labelledBy who asked for it, empty when unknown
 * @param authors the principals whose changes it covers since the previous (kept) version, sorted
 *     (stored records do not keep the order in which they appeared)
 * @param bytes what storing it costs: the size of its object(s)
 */
public record VersionEntry(long version, long time, Trigger trigger, String label, String labelledBy,
        List<String> authors, long bytes) {

    /** Sorts the authors. */
    public VersionEntry {
        authors = authors.stream().sorted().toList();
    }
}
