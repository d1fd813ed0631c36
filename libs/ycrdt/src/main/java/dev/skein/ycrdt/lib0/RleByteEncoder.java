package dev.skein.ycrdt.lib0;

/**
 * lib0's {@code RleEncoder} over {@code writeUint8}: each new value, then (count - 1) of the run
 * once the next different value arrives. The last run's count is never written; the decoder
 * repeats the last value forever.
 */
public final class RleByteEncoder {
    private final ByteWriter out = new ByteWriter();
    private int s = -1;
    private long count;

    public void write(int v) {
        if (s == v) {
            count++;
        } else {
            if (count > 0) {
                out.writeVarUint(count - 1);
            }
            count = 1;
            out.writeUint8(v);
            s = v;
        }
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
