package dev.skein.ycrdt.lib0;

/** Reads what {@link RleByteEncoder} writes. */
public final class RleByteDecoder {
    private final ByteReader in;
    private int s;
    private long count;

    public RleByteDecoder(byte[] data) {
        in = new ByteReader(data);
    }

    public int read() {
        if (count == 0) {
            s = in.readUint8();
            count = in.hasRemaining() ? in.readVarUint() + 1 : -1;
        }
        count--;
        return s;
    }
}
