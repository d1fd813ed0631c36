package dev.skein.persistence.history;

import dev.skein.storage.history.ChangeSet;
import dev.skein.ycrdt.id.StateVector;
import java.util.Set;
import java.util.TreeSet;

/**
 * One document's history in a consumer session: where its newest version is, what changed since
 * (from stored changes objects and the batches written in this session) and when it was edited.
 *
 * <p>{@code countedUpTo}: what the changes read when the tracker started reach up to (the newest
 * stored version, changes objects after it). After a restart the log is read again from the
 * committed offset, which may lie below it: those records count again (harmless: unions are
 * idempotent), but no version is cut below it, since the stored changes it was read from cannot be
 * split by offset.
 */
final class VersionTracker {

    final String docId;
    final int partition;
    /** Offsets of versions stored when the tracker started (after a restart some may lie ahead). */
    final Set<Long> storedVersions = new TreeSet<>();
    long baseOffset = -1;
    StateVector baseStateVector = StateVector.empty();
    ChangeSet changes = new ChangeSet();
    long countedUpTo = -1;

    boolean unversioned;
    long firstUnversionedTimestamp = -1;
    long lastUpdateTimestamp = -1;
    long lastUpdateOffset = -1;

    VersionTracker(String docId, int partition) {
        this.docId = docId;
        this.partition = partition;
    }

    /** An update record of the document was consumed. */
    void updated(long offset, long timestampMillis) {
        if (!unversioned) {
            unversioned = true;
            firstUnversionedTimestamp = timestampMillis;
        }
        lastUpdateTimestamp = Math.max(lastUpdateTimestamp, timestampMillis);
        lastUpdateOffset = Math.max(lastUpdateOffset, offset);
    }

    /** A version was stored at {@code offset}: what follows starts from it. */
    void versioned(long offset, StateVector stateVector) {
        baseOffset = offset;
        baseStateVector = stateVector;
        changes = new ChangeSet();
        storedVersions.add(offset);
        unversioned = false;
    }

    /** A cut was not made because the records are covered already: nothing waits for a version. */
    void covered() {
        unversioned = false;
    }

    /** Whether the document has content a version could show. */
    boolean hasContent() {
        return baseOffset >= 0 || !changes.isEmpty();
    }
}
