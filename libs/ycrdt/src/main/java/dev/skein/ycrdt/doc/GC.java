package dev.skein.ycrdt.doc;

import dev.skein.ycrdt.struct.Struct;
import dev.skein.ycrdt.update.UpdateEncoder;

/** A garbage-collected range of ids: nothing of its content is left but its length. */
public final class GC extends AbstractStruct {

    GC(long client, long clock, long length) {
        super(client, clock, length);
    }

    @Override
    public boolean isDeleted() {
        return true;
    }

    @Override
    boolean mergeWith(AbstractStruct right) {
        if (!(right instanceof GC)) {
            return false;
        }
        length += right.length;
        return true;
    }

    /** Adds the range to the store, dropping the first {@code offset} ids the store already has. */
    void integrate(Transaction transaction, long offset) {
        if (offset > 0) {
            clock += offset;
            length -= offset;
        }
        transaction.doc().store().addStruct(this);
    }

    @Override
    void write(UpdateEncoder encoder, long offset) {
        encoder.writeInfo(Struct.REF_GC);
        encoder.writeLen(length - offset);
    }

    @Override
    public String toString() {
        return "GC(" + client + "," + clock + "+" + length + ")";
    }
}
