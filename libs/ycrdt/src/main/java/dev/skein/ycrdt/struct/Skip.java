package dev.skein.ycrdt.struct;

import dev.skein.ycrdt.update.UpdateEncoder;

/** A gap in an update: ids the update does not carry. Never part of a document. */
public final class Skip extends Struct {

    public Skip(long client, long clock, long length) {
        super(client, clock, length);
    }

    /** Changes the length (the merge extends or shortens a pending gap). */
    public void setLength(long length) {
        this.length = length;
    }

    @Override
    public void write(UpdateEncoder encoder, long offset) {
        encoder.writeInfo(REF_SKIP);
        // Yjs writes a skip's length to the rest, not to the length column
        encoder.rest().writeVarUint(length - offset);
    }

    @Override
    public Struct sliceFrom(long diff) {
        return new Skip(client, clock + diff, length - diff);
    }

    @Override
    public boolean mergeWith(Struct right) {
        if (!(right instanceof Skip)) {
            return false;
        }
        length += right.length;
        return true;
    }

    @Override
    public String toString() {
        return "Skip(" + client + "," + clock + "+" + length + ")";
    }
}
