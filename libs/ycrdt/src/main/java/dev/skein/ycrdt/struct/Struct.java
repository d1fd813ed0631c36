package dev.skein.ycrdt.struct;

import dev.skein.ycrdt.update.UpdateEncoder;

/**
 * A run of consecutive ids of one client in an update: an {@link Item}, a {@link Gc} (garbage
 * collected range) or a {@link Skip} (a gap, only in updates).
 */
public abstract sealed class Struct permits Item, Gc, Skip {

    /** Struct ref of a GC in the info byte. */
    public static final int REF_GC = 0;
    /** Struct ref of a Skip in the info byte. */
    public static final int REF_SKIP = 10;

    protected final long client;
    protected final long clock;
    protected long length;

    protected Struct(long client, long clock, long length) {
        this.client = client;
        this.clock = clock;
        this.length = length;
    }

    public final long client() {
        return client;
    }

    public final long clock() {
        return clock;
    }

    public final long length() {
        return length;
    }

    /** The first clock after this struct. */
    public final long end() {
        return clock + length;
    }

    /** Writes this struct starting {@code offset} ids into it. */
    public abstract void write(UpdateEncoder encoder, long offset);

    /**
     * The part of this struct from {@code diff} on, as a new struct; this one is left unchanged
     * for GC and Skip (Yjs's {@code sliceStruct} in the lazy writer).
     */
    public abstract Struct sliceFrom(long diff);

    /**
     * Appends {@code right} to this struct if both are of a kind that joins in a document-free
     * merge (GC with GC, Skip with Skip). Items never join there, as in Yjs.
     */
    public boolean mergeWith(Struct right) {
        return false;
    }
}
