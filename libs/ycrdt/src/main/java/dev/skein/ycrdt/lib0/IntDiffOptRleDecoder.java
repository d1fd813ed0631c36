package dev.skein.ycrdt.lib0;

/** Reads what {@link IntDiffOptRleEncoder} writes. */
public final class IntDiffOptRleDecoder {
    private final ByteReader in;
    private long s;
    private long count;
    private long diff;

    public IntDiffOptRleDecoder(byte[] data) {
        in = new ByteReader(data);
    }

    public long read() {
        if (count == 0) {
            long d = in.readVarInt();
            boolean hasCount = (d & 1) != 0;
            diff = Math.floorDiv(d, 2);
            count = 1;
            if (hasCount) {
                count = in.readVarUint() + 2;
            }
        }
        s += diff;
        count--;
        return s;
    }
}
