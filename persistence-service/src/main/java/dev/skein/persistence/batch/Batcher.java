package dev.skein.persistence.batch;

import dev.skein.persistence.storage.BatchWriter;
import dev.skein.storage.history.ChangeSet;
import dev.skein.storage.layout.BatchName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Buffers the updates of the owned partitions per document and writes them as batches when a
 * bound is reached; tells which offsets may be committed.
 *
 * <p>Used by the consuming thread only; a new one per consumer session, so that nothing buffered
 * survives a failure that did not commit it (the log still has it).
 */
public final class Batcher {

    private final BatchWriter writer;
    private final FlushBounds bounds;
    private final BatchListener listener;
    private final BatchObserver observer;
    private final Map<Integer, PartitionBuffer> partitions = new HashMap<>();

    /** A batcher writing through {@code writer}. */
    public Batcher(BatchWriter writer, FlushBounds bounds, BatchListener listener) {
        this(writer, bounds, listener, BatchObserver.NONE);
    }

    /** A batcher writing through {@code writer} that tells {@code observer} about each batch before dropping its buffer. */
    public Batcher(BatchWriter writer, FlushBounds bounds, BatchListener listener, BatchObserver observer) {
        this.writer = writer;
        this.bounds = bounds;
        this.listener = listener;
        this.observer = observer;
    }

    /** A partition was assigned: start with nothing buffered. */
    public void assigned(int partition) {
        partitions.put(partition, new PartitionBuffer(partition));
    }

    /** A partition is gone (after its flush on revocation, or lost): forget its buffer. */
    public void dropped(int partition) {
        partitions.remove(partition);
    }

    /** A record that is not stored (a sync request, a malformed record) was consumed. */
    public void skipped(int partition, long offset) {
        buffer(partition).seen(offset);
    }

    /**
     * Buffers an update; writes the document's batch at once if that reaches a count or size bound.
     *
     * @throws dev.skein.storage.s3.StorageException if the write fails
     */
    public void add(int partition, String docId, long offset, byte[] update, long nowNanos) {
        add(partition, docId, offset, update, -1, nowNanos);
    }

    /**
     * Buffers an update that reached the log at {@code timestampMillis} (epoch milliseconds, the
     * record's timestamp); writes the document's batch at once if that reaches a count or size bound.
     *
     * @throws dev.skein.storage.s3.StorageException if the write fails
     */
    public void add(int partition, String docId, long offset, byte[] update, long timestampMillis, long nowNanos) {
        add(partition, docId, offset, update, timestampMillis, ChangeSet.UNKNOWN, nowNanos);
    }

    /**
     * Buffers an update made by {@code principal} that reached the log at {@code timestampMillis};
     * writes the document's batch at once if that reaches a count or size bound.
     *
     * @throws dev.skein.storage.s3.StorageException if the write fails
     */
    public void add(int partition, String docId, long offset, byte[] update, long timestampMillis, String principal,
            long nowNanos) {
        PartitionBuffer buffer = buffer(partition);
        PendingDocument pending = buffer.add(docId, offset, update, timestampMillis, principal, nowNanos);
        String reason = bounds.reason(pending, nowNanos);
        if (reason != null && !"time".equals(reason)) {
            flush(buffer, pending, reason);
        }
    }

    /** Writes every document whose oldest update has waited long enough. */
    public void flushDue(long nowNanos) {
        for (PartitionBuffer buffer : new ArrayList<>(partitions.values())) {
            for (PendingDocument pending : buffer.due(bounds, nowNanos)) {
                flush(buffer, pending, bounds.reason(pending, nowNanos));
            }
        }
    }

    /** Writes what is buffered for one document now (before a version of it is recorded). */
    public void flushDocument(int partition, String docId, String reason) {
        PartitionBuffer buffer = partitions.get(partition);
        PendingDocument pending = buffer == null ? null : buffer.get(docId);
        if (pending != null) {
            flush(buffer, pending, reason);
        }
    }

    /** Writes everything buffered for a partition (before it is handed to another instance). */
    public void flushPartition(int partition, String reason) {
        PartitionBuffer buffer = partitions.get(partition);
        if (buffer == null) {
            return;
        }
        for (PendingDocument pending : new ArrayList<>(buffer.documents())) {
            flush(buffer, pending, reason);
        }
    }

    /** Writes everything buffered. */
    public void flushAll(String reason) {
        for (Integer partition : new ArrayList<>(partitions.keySet())) {
            flushPartition(partition, reason);
        }
    }

    /** Offsets that may be committed now, by partition: only what is ahead of the last commit. */
    public Map<Integer, Long> committable() {
        Map<Integer, Long> offsets = new HashMap<>();
        for (PartitionBuffer buffer : partitions.values()) {
            OptionalLong offset = buffer.committable();
            if (offset.isPresent()) {
                offsets.put(buffer.partition(), offset.getAsLong());
            }
        }
        return offsets;
    }

    /** The offsets were committed. */
    public void committed(Map<Integer, Long> offsets) {
        offsets.forEach((partition, offset) -> {
            PartitionBuffer buffer = partitions.get(partition);
            if (buffer != null) {
                buffer.committed(offset);
            }
        });
    }

    /** Documents buffered now (metrics, tests). */
    public int pendingDocuments() {
        int count = 0;
        for (PartitionBuffer buffer : partitions.values()) {
            count += buffer.documents().size();
        }
        return count;
    }

    private PartitionBuffer buffer(int partition) {
        return partitions.computeIfAbsent(partition, PartitionBuffer::new);
    }

    private void flush(PartitionBuffer buffer, PendingDocument pending, String reason) {
        BatchName name = writer.write(pending);
        observer.written(pending, name);
        // only after the writes succeeded: a failed write keeps the buffer, so nothing is committed past it
        buffer.remove(pending.docId());
        listener.written(name, pending.updates().size(), reason);
    }
}
