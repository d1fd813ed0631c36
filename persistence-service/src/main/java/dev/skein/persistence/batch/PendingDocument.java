package dev.skein.persistence.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * The updates of one document buffered since its last flush. They are the document's records at
 * offsets {@link #fromOffset()} to {@link #toOffset()} of its partition, all of them and in order:
 * which is what makes the batch's name describe its content exactly.
 */
public final class PendingDocument {

    private final String docId;
    private final int partition;
    private final long fromOffset;
    private final long firstArrivalNanos;
    private final List<byte[]> updates = new ArrayList<>();
    private final List<String> principals = new ArrayList<>();
    private long[] timestamps = new long[8];
    private long[] offsets = new long[8];
    private long toOffset;
    private long bytes;

    PendingDocument(String docId, int partition, long fromOffset, long nowNanos) {
        this.docId = docId;
        this.partition = partition;
        this.fromOffset = fromOffset;
        this.toOffset = fromOffset;
        this.firstArrivalNanos = nowNanos;
    }

    void add(long offset, byte[] update, long timestampMillis, String principal) {
        if (updates.size() == timestamps.length) {
            timestamps = java.util.Arrays.copyOf(timestamps, timestamps.length * 2);
            offsets = java.util.Arrays.copyOf(offsets, offsets.length * 2);
        }
        timestamps[updates.size()] = timestampMillis;
        offsets[updates.size()] = offset;
        updates.add(update);
        principals.add(principal);
        bytes += update.length;
        toOffset = offset;
    }

    /** The document. */
    public String docId() {
        return docId;
    }

    /** Its partition. */
    public int partition() {
        return partition;
    }

    /** Offset of the first buffered record. */
    public long fromOffset() {
        return fromOffset;
    }

    /** Offset of the last buffered record. */
    public long toOffset() {
        return toOffset;
    }

    /** The buffered Yjs v1 updates, in log order. */
    public List<byte[]> updates() {
        return updates;
    }

    /** Who made each buffered update (the records' principal header, in the order of {@link #updates()}). */
    public List<String> principals() {
        return principals;
    }

    /** The offset of each buffered update, in the order of {@link #updates()}. */
    public long[] offsets() {
        return java.util.Arrays.copyOf(offsets, updates.size());
    }

    /**
     * When each buffered update reached the log (record timestamps, epoch milliseconds, in the
     * order of {@link #updates()}; negative when unknown).
     */
    public long[] timestampsMillis() {
        return java.util.Arrays.copyOf(timestamps, updates.size());
    }

    /** Buffered bytes. */
    public long bytes() {
        return bytes;
    }

    /** When the first buffered update arrived ({@link System#nanoTime()}). */
    public long firstArrivalNanos() {
        return firstArrivalNanos;
    }
}
