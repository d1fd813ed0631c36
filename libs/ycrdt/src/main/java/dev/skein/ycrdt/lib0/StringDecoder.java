package dev.skein.ycrdt.lib0;

import dev.skein.ycrdt.YDecodingException;

/** Reads what {@link StringEncoder} writes. */
public final class StringDecoder {
    private final UintOptRleDecoder lens;
    private final String all;
    private int pos;

    public StringDecoder(byte[] data) {
        lens = new UintOptRleDecoder(data);
        all = lens.reader().readVarString();
    }

    public String read() {
        long len = lens.read();
        if (len > all.length() - pos) {
            throw new YDecodingException(YDecodingException.Reason.END_OF_BUFFER, -1,
                    "string column shorter than its lengths");
        }
        String s = all.substring(pos, pos + (int) len);
        pos += (int) len;
        return s;
    }
}
