package dev.skein.ycrdt.update.differential;

/** Hex excerpts for failure messages. */
public final class Hex {

    private Hex() {
    }

    /**
     * Up to 8 bytes before and 16 from {@code at}, with the byte at {@code at} in brackets
     * (or {@code [end]} when the array ends there), prefixed by the offset of the first shown byte.
     */
    public static String window(byte[] b, int at) {
        int from = Math.max(0, at - 8);
        int to = Math.min(b.length, at + 16);
        StringBuilder sb = new StringBuilder();
        sb.append('@').append(from).append(':');
        if (from > 0) {
            sb.append(" ..");
        }
        for (int i = from; i < to; i++) {
            sb.append(' ');
            if (i == at) {
                sb.append('[');
            }
            sb.append(Character.forDigit((b[i] >> 4) & 0xF, 16)).append(Character.forDigit(b[i] & 0xF, 16));
            if (i == at) {
                sb.append(']');
            }
        }
        if (at >= b.length) {
            sb.append(" [end]");
        } else if (to < b.length) {
            sb.append(" ..");
        }
        return sb.toString();
    }
}
