package dev.skein.ycrdt.lib0;

/**
 * lib0's {@code UintOptRleEncoder}: a value that occurs once is written as a var-int; a run is
 * written as the negated value (negative zero for a run of zeros) followed by (count - 2).
 */
public final class UintOptRleEncoder {
    private final ByteWriter out = new ByteWriter();
    private long s;
    private long count;

    public void write(long v) {
        if (s == v) {
            count++;
        } else {
            flush();
            count = 1;
            s = v;
        }
    }

    private void flush() {
        if (count > 0) {
            out.writeVarInt(s, count != 1);
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
