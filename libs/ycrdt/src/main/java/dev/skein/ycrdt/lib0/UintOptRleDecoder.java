package dev.skein.ycrdt.lib0;

import dev.skein.ycrdt.YDecodingException;

/** Reads what {@link UintOptRleEncoder} writes. */
public final class UintOptRleDecoder {
    private final ByteReader in;
    private long s;
    private long count;

    public UintOptRleDecoder(byte[] data) {
        in = new ByteReader(data);
    }

    ByteReader reader() {
        return in;
    }

    public long read() {
        if (count == 0) {
            long v = in.readVarInt();
            count = 1;
            if (in.lastVarIntNegative()) {
                v = -v;
                count = in.readVarUint() + 2;
            } else if (v < 0) {
                throw new YDecodingException(YDecodingException.Reason.UNEXPECTED_VALUE, in.position(), "negative value");
            }
            s = v;
        }
        count--;
        return s;
    }
}
