package dev.skein.ycrdt.protocol;

/** Value semantics for the byte arrays the message records carry. */
final class Bytes {

    /** How many bytes {@link #describe} shows; more would flood logs with whole updates. */
    private static final int SHOWN = 32;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Bytes() {
    }

    /** {@code "<n> bytes 0x...."}, with at most {@value #SHOWN} bytes spelled out. */
    static String describe(byte[] b) {
        StringBuilder sb = new StringBuilder().append(b.length).append(b.length == 1 ? " byte" : " bytes");
        if (b.length == 0) {
            return sb.toString();
        }
        sb.append(" 0x");
        int n = Math.min(b.length, SHOWN);
        for (int i = 0; i < n; i++) {
            sb.append(HEX[(b[i] >> 4) & 15]).append(HEX[b[i] & 15]);
        }
        if (n < b.length) {
            sb.append("...");
        }
        return sb.toString();
    }
}
