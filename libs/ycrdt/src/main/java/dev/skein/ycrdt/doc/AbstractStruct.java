package dev.skein.ycrdt.doc;

import dev.skein.ycrdt.id.Id;
import dev.skein.ycrdt.update.UpdateEncoder;

/**
 * A run of consecutive ids of one client held by a document: an {@link Item} or a {@link GC}
 * (Yjs's {@code AbstractStruct}). Unlike the update-level structs of {@code dev.skein.ycrdt.struct}
 * these are mutable: the document splits, joins and garbage-collects them.
 */
public abstract sealed class AbstractStruct permits Item, GC {

    long client;
    long clock;
    long length;

    AbstractStruct(long client, long clock, long length) {
        this.client = client;
        this.clock = clock;
        this.length = length;
    }

    /** The client that created this struct. */
    public final long client() {
        return client;
    }

    /** The clock of this struct's first id. */
    public final long clock() {
        return clock;
    }

    /** Number of ids this struct covers. */
    public final long length() {
        return length;
    }

    /** This struct's first id. */
    public final Id id() {
        return new Id(client, clock);
    }

    /** Whether the struct's content is deleted (always true for a {@link GC}). */
    public abstract boolean isDeleted();

    /** Appends {@code right} to this struct when both may join (Yjs's {@code mergeWith}). */
    abstract boolean mergeWith(AbstractStruct right);

    /** Writes this struct starting {@code offset} ids into it. */
    abstract void write(UpdateEncoder encoder, long offset);
}
