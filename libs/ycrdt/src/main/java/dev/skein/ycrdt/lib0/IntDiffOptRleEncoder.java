package dev.skein.ycrdt.lib0;

/**
 * lib0's {@code IntDiffOptRleEncoder}: runs of equal differences between consecutive values,
 * written as var-int (diff * 2 + hasCount) then (count - 2) when the run is longer than one.
 */
public final class IntDiffOptRleEncoder {
    private final ByteWriter out = new ByteWriter();
    private long s;
    private long count;
    private long diff;

    public void write(long v) {
        if (diff == v - s) {
            s = v;
            count++;
        } else {
            flush();
            count = 1;
            diff = v - s;
            s = v;
        }
    }

    private void flush() {
        if (count > 0) {
            out.writeVarInt(diff * 2 + (count == 1 ? 0 : 1));
            if (count > 1) {
                out.writeVarUint(count - 2);
            }
        }
    }

    public byte[] toByteArray() {
        flush();
        count = 0;
        return out.toByteArray();
    }
}
