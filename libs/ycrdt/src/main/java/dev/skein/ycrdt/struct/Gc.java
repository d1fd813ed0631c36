package dev.skein.ycrdt.struct;

import dev.skein.ycrdt.update.UpdateEncoder;

/** A garbage-collected range: ids that existed and whose content is gone. */
public final class Gc extends Struct {

    public Gc(long client, long clock, long length) {
        super(client, clock, length);
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
        encoder.writeInfo(REF_GC);
        encoder.writeLen(length - offset);
    }

    @Override
    public Struct sliceFrom(long diff) {
        return new Gc(client, clock + diff, length - diff);
    }

    @Override
    public boolean mergeWith(Struct right) {
        if (!(right instanceof Gc)) {
            return false;
        }
        length += right.length;
        return true;
    }

    @Override
    public String toString() {
        return "Gc(" + client + "," + clock + "+" + length + ")";
    }
}
