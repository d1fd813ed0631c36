package dev.skein.ycrdt.lib0;

import dev.skein.ycrdt.YDecodingException;

/**
 * UTF-8 as JavaScript's {@code TextEncoder} / strict {@code TextDecoder} do it.
 *
 * <p>Java's {@code String.getBytes(UTF_8)} writes {@code ?} for a lone surrogate; JavaScript writes
 * U+FFFD (EF BF BD). Yjs strings may hold lone surrogates, so encoding is done here explicitly.
 * Decoding is strict (lib0 uses a fatal decoder): malformed input is an error, not a replacement.
 */
public final class Utf8 {

    private Utf8() {
    }

    /** Number of bytes {@link #encode} writes for {@code s}. */
    public static int encodedLength(CharSequence s) {
        int n = s.length();
        int len = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                len += 1;
            } else if (c < 0x800) {
                len += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                len += 4;
                i++;
            } else {
                len += 3; // BMP character, or a lone surrogate written as U+FFFD
            }
        }
        return len;
    }

    /** Writes the UTF-8 bytes of {@code s} into {@code dst} at {@code pos}; returns the new position. */
    public static int encode(CharSequence s, byte[] dst, int pos) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                dst[pos++] = (byte) c;
            } else if (c < 0x800) {
                dst[pos++] = (byte) (0xC0 | (c >> 6));
                dst[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    dst[pos++] = (byte) (0xF0 | (cp >> 18));
                    dst[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    dst[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    dst[pos++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    dst[pos++] = (byte) 0xEF;
                    dst[pos++] = (byte) 0xBF;
                    dst[pos++] = (byte) 0xBD;
                }
            } else {
                dst[pos++] = (byte) (0xE0 | (c >> 12));
                dst[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                dst[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return pos;
    }

    /** The UTF-8 bytes of {@code s}, lone surrogates as U+FFFD. */
    public static byte[] encode(CharSequence s) {
        byte[] out = new byte[encodedLength(s)];
        encode(s, out, 0);
        return out;
    }

    /**
     * Decodes {@code len} bytes of strict UTF-8 (no overlongs, no encoded surrogates, nothing above
     * U+10FFFF). A byte-order mark is kept, as lib0's decoder keeps it.
     */
    public static String decode(byte[] src, int off, int len) {
        char[] out = new char[len];
        int o = 0;
        int i = off;
        int end = off + len;
        while (i < end) {
            int b = src[i] & 0xFF;
            if (b < 0x80) {
                out[o++] = (char) b;
                i++;
                continue;
            }
            int cp;
            int need;
            int min;
            if (b >= 0xC2 && b <= 0xDF) {
                cp = b & 0x1F;
                need = 1;
                min = 0x80;
            } else if (b >= 0xE0 && b <= 0xEF) {
                cp = b & 0x0F;
                need = 2;
                min = 0x800;
            } else if (b >= 0xF0 && b <= 0xF4) {
                cp = b & 0x07;
                need = 3;
                min = 0x10000;
            } else {
                throw invalid(i);
            }
            if (i + need >= end) {
                throw invalid(i); // fewer continuation bytes than the lead byte announces
            }
            for (int k = 1; k <= need; k++) {
                int c = src[i + k] & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    throw invalid(i + k);
                }
                cp = (cp << 6) | (c & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                throw invalid(i);
            }
            i += need + 1;
            if (cp >= 0x10000) {
                out[o++] = Character.highSurrogate(cp);
                out[o++] = Character.lowSurrogate(cp);
            } else {
                out[o++] = (char) cp;
            }
        }
        return new String(out, 0, o);
    }

    private static YDecodingException invalid(long at) {
        return new YDecodingException(YDecodingException.Reason.INVALID_UTF8, at, "malformed UTF-8 string");
    }
}
