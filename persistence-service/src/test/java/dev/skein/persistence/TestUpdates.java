package dev.skein.persistence;

import dev.skein.ycrdt.lib0.ByteWriter;

/** Hand-encoded Yjs v1 updates for tests: text typed into the root text type {@code "t"}. */
public final class TestUpdates {

    private TestUpdates() {
    }

    /** One client's insertion of {@code text} at {@code clock}, right after its own previous character. */
    public static byte[] text(long client, long clock, String text) {
        ByteWriter out = new ByteWriter();
        out.writeVarUint(1);
        out.writeVarUint(1);
        out.writeVarUint(client);
        out.writeVarUint(clock);
        if (clock == 0) {
            out.writeUint8(4);
            out.writeVarUint(1);
            out.writeVarString("t");
        } else {
            out.writeUint8(0x80 | 4);
            out.writeVarUint(client);
            out.writeVarUint(clock - 1);
        }
        out.writeVarString(text);
        out.writeVarUint(0);
        return out.toByteArray();
    }
}
