package dev.skein.ycrdt.lib0;

import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.YDecodingException.Reason;

/**
 * Reads lib0's primitive encodings from a byte array, bounds-checked: every malformed or truncated
 * input ends in a {@link YDecodingException}, and no length read from the input allocates more
 * than the bytes that remain.
 */
public final class ByteReader {

    /** Largest integer lib0 reads (JavaScript's {@code Number.MAX_SAFE_INTEGER}). */
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private final byte[] buf;
    private final int end;
    private int pos;
    private boolean lastNegative;

    public ByteReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public ByteReader(byte[] buf, int off, int len) {
        if (off < 0 || len < 0 || off + len > buf.length) {
            throw new IllegalArgumentException("range outside the array");
        }
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return end - pos;
    }

    public boolean hasRemaining() {
        return pos < end;
    }

    public int readUint8() {
        if (pos >= end) {
            throw eof();
        }
        return buf[pos++] & 0xFF;
    }

    public long readVarUint() {
        long num = 0;
        int shift = 0;
        while (pos < end) {
            int r = buf[pos++] & 0xFF;
            num |= (long) (r & 0x7F) << shift;
            if (r < 0x80) {
                if (num > MAX_SAFE_INTEGER) {
                    throw new YDecodingException(Reason.INVALID_VARINT, pos, "integer above 2^53");
                }
                return num;
            }
            shift += 7;
            if (shift > 49) {
                throw new YDecodingException(Reason.INVALID_VARINT, pos, "integer above 2^53");
            }
        }
        throw eof();
    }

    /** A var-uint that must fit an {@code int} length or count. */
    public int readVarUintAsInt() {
        long v = readVarUint();
        if (v > Integer.MAX_VALUE) {
            throw new YDecodingException(Reason.UNEXPECTED_VALUE, pos, "length " + v + " too large");
        }
        return (int) v;
    }

    /**
     * lib0's var-int. The sign of the last value read, including negative zero, is available from
     * {@link #lastVarIntNegative()}.
     */
    public long readVarInt() {
        int r = readUint8();
        long num = r & 0x3F;
        lastNegative = (r & 0x40) != 0;
        if ((r & 0x80) != 0) {
            int shift = 6;
            while (true) {
                if (pos >= end) {
                    throw eof();
                }
                r = buf[pos++] & 0xFF;
                num |= (long) (r & 0x7F) << shift;
                if (r < 0x80) {
                    break;
                }
                shift += 7;
                if (shift > 48) {
                    throw new YDecodingException(Reason.INVALID_VARINT, pos, "integer above 2^53");
                }
            }
            if (num > MAX_SAFE_INTEGER) {
                throw new YDecodingException(Reason.INVALID_VARINT, pos, "integer above 2^53");
            }
        }
        return lastNegative ? -num : num;
    }

    /** Whether the last {@link #readVarInt()} carried the sign bit (true for negative zero too). */
    public boolean lastVarIntNegative() {
        return lastNegative;
    }

    public String readVarString() {
        int len = readLength();
        int start = pos;
        pos += len;
        for (int i = start; i < pos; i++) {
            if (buf[i] < 0) {
                return Utf8.decode(buf, start, len);
            }
        }
        return new String(buf, start, len, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Length-prefixed bytes, copied. */
    public byte[] readVarBytes() {
        int len = readLength();
        byte[] out = java.util.Arrays.copyOfRange(buf, pos, pos + len);
        pos += len;
        return out;
    }

    /** Reads a var-uint length and checks that so many bytes remain. */
    public int readLength() {
        long len = readVarUint();
        if (len > end - pos) {
            throw new YDecodingException(Reason.END_OF_BUFFER, pos,
                    "length " + len + " exceeds the " + (end - pos) + " remaining bytes");
        }
        return (int) len;
    }

    /** Raw bytes, copied. */
    public byte[] readBytes(int len) {
        if (len < 0 || len > end - pos) {
            throw eof();
        }
        byte[] out = java.util.Arrays.copyOfRange(buf, pos, pos + len);
        pos += len;
        return out;
    }

    /** The remaining bytes, copied; the reader is at its end afterwards. */
    public byte[] readRemaining() {
        return readBytes(end - pos);
    }

    public float readFloat32() {
        return Float.intBitsToFloat((int) readBigEndian(4));
    }

    public double readFloat64() {
        return Double.longBitsToDouble(readBigEndian(8));
    }

    public long readBigInt64() {
        return readBigEndian(8);
    }

    private long readBigEndian(int bytes) {
        if (end - pos < bytes) {
            throw eof();
        }
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    private YDecodingException eof() {
        return new YDecodingException(Reason.END_OF_BUFFER, pos, "unexpected end of input");
    }
}
