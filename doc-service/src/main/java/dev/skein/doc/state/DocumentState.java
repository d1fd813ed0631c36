package dev.skein.doc.state;

import dev.skein.ycrdt.update.Compaction;
import java.util.ArrayList;
import java.util.List;

/**
 * One document's state, merged lazily: the last merged state plus the tail of updates that came
 * after it. Merging is linear in its inputs, so merging every keystroke would be quadratic over a
 * document's life; the tail is merged only when a sync request needs the state or the tail passes
 * its bounds. Not thread-safe: owned by the consuming thread.
 */
public final class DocumentState {

    /** A Yjs v1 update with no structs and no deletions. */
    static final byte[] EMPTY_UPDATE = {0, 0};

    private final int maxTailUpdates;
    private final long maxTailBytes;
    private final List<byte[]> tail = new ArrayList<>();
    private byte[] merged;
    private long tailBytes;
    private long lastTouchedNanos;
    private int merges;
    private boolean baseLoaded = true;
    private long lastOffset = -1;

    DocumentState(byte[] initial, int maxTailUpdates, long maxTailBytes, long nowNanos) {
        this.merged = initial;
        this.maxTailUpdates = maxTailUpdates;
        this.maxTailBytes = maxTailBytes;
        this.lastTouchedNanos = nowNanos;
    }

    /**
     * A document whose persisted state has not been read yet: updates are collected meanwhile,
     * and {@link #addBase} adds the persisted state when it is needed.
     */
    static DocumentState awaitingBase(int maxTailUpdates, long maxTailBytes, long nowNanos) {
        DocumentState state = new DocumentState(null, maxTailUpdates, maxTailBytes, nowNanos);
        state.baseLoaded = false;
        return state;
    }

    /** Whether the persisted state is part of this state (always, for a document not awaiting it). */
    boolean baseLoaded() {
        return baseLoaded;
    }

    /**
     * Adds the persisted state, read after updates may already have arrived. Its place among them
     * does not matter: merging Yjs updates is commutative and idempotent.
     */
    void addBase(byte[] base) {
        if (base != null) {
            tail.add(base);
            tailBytes += base.length;
        }
        baseLoaded = true;
    }

    /** Adds a validated update read at {@code offset}; merges when the tail passes a bound. */
    void append(byte[] update, long nowNanos, long offset) {
        lastOffset = Math.max(lastOffset, offset);
        append(update, nowNanos);
    }

    /** Adds a validated update; merges when the tail passes a bound. */
    void append(byte[] update, long nowNanos) {
        tail.add(update);
        tailBytes += update.length;
        lastTouchedNanos = nowNanos;
        if (tail.size() >= maxTailUpdates || tailBytes >= maxTailBytes) {
            fold();
        }
    }

    /** The whole document as one update (merging the tail first). */
    public byte[] state() {
        fold();
        return merged == null ? EMPTY_UPDATE : merged;
    }

    /** Merges the tail into the state. */
    void fold() {
        if (tail.isEmpty()) {
            return;
        }
        List<byte[]> inputs = new ArrayList<>(tail.size() + 1);
        if (merged != null) {
            inputs.add(merged);
        }
        inputs.addAll(tail);
        // compacted, so that sync answers carry the document rather than its keystroke history
        merged = Compaction.mergeAndCompact(inputs);
        tail.clear();
        tailBytes = 0;
        merges++;
    }

    /** Whether updates wait to be merged. */
    boolean hasTail() {
        return !tail.isEmpty();
    }

    /** Unmerged updates. */
    int tailSize() {
        return tail.size();
    }

    /** When an update last arrived. */
    long lastTouchedNanos() {
        return lastTouchedNanos;
    }

    /** Log offset of the last update applied since the document was loaded; -1 if none. */
    long lastOffset() {
        return lastOffset;
    }

    /** How many merges this document has cost (for tests of the laziness). */
    int merges() {
        return merges;
    }

    /** Bytes held: merged state plus tail. */
    long bytes() {
        return (merged == null ? 0 : merged.length) + tailBytes;
    }
}
