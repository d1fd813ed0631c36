package dev.skein.ycrdt.lib0;

/**
 * lib0's {@code StringEncoder}: every string of the column concatenated into one UTF-8 string,
 * followed by each part's length in UTF-16 code units ({@link UintOptRleEncoder}).
 */
public final class StringEncoder {
    private final StringBuilder all = new StringBuilder();
    private final UintOptRleEncoder lens = new UintOptRleEncoder();

    public void write(String s) {
        all.append(s);
        lens.write(s.length());
    }

    public byte[] toByteArray() {
        ByteWriter w = new ByteWriter(all.length() + 16);
        w.writeVarString(all);
        w.writeBytes(lens.toByteArray());
        return w.toByteArray();
    }
}
