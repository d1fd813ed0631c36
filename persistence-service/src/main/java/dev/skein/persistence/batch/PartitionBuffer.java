package dev.skein.persistence.batch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import dev.skein.storage.history.ChangeSet;

/**
 * The buffered documents of one owned partition, and the offset that may be committed for it.
 *
 * <p>The committable offset is the lowest first offset of any buffered document: everything
 * below it is in storage. With nothing buffered it is the offset after the last record seen.
 * Committing it and no more is the whole durability argument: a restart re-reads exactly what
 * was not yet written.
 */
final class PartitionBuffer {

    private final int partition;
    private final Map<String, PendingDocument> documents = new LinkedHashMap<>();
    private long lastSeen = -1;
    private long committed = -1;

    PartitionBuffer(int partition) {
        this.partition = partition;
    }

    int partition() {
        return partition;
    }

    /** Notes that a record was consumed, whether it was an update or not. */
    void seen(long offset) {
        lastSeen = Math.max(lastSeen, offset);
    }

    /** Buffers an update record (which counts as seen) that has no known log timestamp. */
    PendingDocument add(String docId, long offset, byte[] update, long nowNanos) {
        return add(docId, offset, update, -1, ChangeSet.UNKNOWN, nowNanos);
    }

    /**
     * Buffers an update record (which counts as seen) that reached the log at {@code timestampMillis},
     * made by {@code principal}.
     */
    PendingDocument add(String docId, long offset, byte[] update, long timestampMillis, String principal,
            long nowNanos) {
        seen(offset);
        PendingDocument pending = documents.computeIfAbsent(docId,
            id -> new PendingDocument(id, partition, offset, nowNanos));
        pending.add(offset, update, timestampMillis, principal);
        return pending;
    }

    PendingDocument get(String docId) {
        return documents.get(docId);
    }

    void remove(String docId) {
        documents.remove(docId);
    }

    Collection<PendingDocument> documents() {
        return documents.values();
    }

    /** Documents over a bound, to write now. */
    List<PendingDocument> due(FlushBounds bounds, long nowNanos) {
        List<PendingDocument> due = new ArrayList<>();
        for (PendingDocument pending : documents.values()) {
            if (bounds.reason(pending, nowNanos) != null) {
                due.add(pending);
            }
        }
        return due;
    }

    /** The offset that may be committed now, if it is ahead of the last commit. */
    OptionalLong committable() {
        long offset;
        if (documents.isEmpty()) {
            if (lastSeen < 0) {
                return OptionalLong.empty();
            }
            offset = lastSeen + 1;
        } else {
            offset = Long.MAX_VALUE;
            for (PendingDocument pending : documents.values()) {
                offset = Math.min(offset, pending.fromOffset());
            }
        }
        return offset > committed ? OptionalLong.of(offset) : OptionalLong.empty();
    }

    void committed(long offset) {
        committed = Math.max(committed, offset);
    }
}
