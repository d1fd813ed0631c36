package dev.skein.ycrdt.lib0;

import java.util.Arrays;

/**
 * A growable byte buffer with lib0's primitive encodings (var-uint, var-int, var-string, ...).
 *
 * <p>Numbers are Java {@code long}s but follow JavaScript's range: lib0 encodes integers up to
 * 2^53. Not thread-safe.
 */
public final class ByteWriter {

    private byte[] buf;
    private int pos;

    public ByteWriter() {
        this(64);
    }

    public ByteWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** Number of bytes written so far. */
    public int size() {
        return pos;
    }

    /** Forgets everything written, keeping the allocated buffer. */
    public void reset() {
        pos = 0;
    }

    private void ensure(int extra) {
        int need = pos + extra;
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
        }
    }

    public void writeUint8(int b) {
        if (pos == buf.length) {
            ensure(1);
        }
        buf[pos++] = (byte) b;
    }

    /** Unsigned LEB128 with 7 value bits a byte, as lib0's {@code writeVarUint}. */
    public void writeVarUint(long num) {
        ensure(10);
        while (num > 0x7F) {
            buf[pos++] = (byte) (0x80 | (num & 0x7F));
            num >>>= 7;
        }
        // a negative number (yjs writes one for out-of-order delete ranges in v2) is one byte of
        // its low 7 bits in lib0
        buf[pos++] = (byte) (num & 0x7F);
    }

    /** lib0's {@code writeVarInt}: sign in bit 0x40 of the first byte, 6 value bits there, 7 after. */
    public void writeVarInt(long num) {
        writeVarInt(Math.abs(num), num < 0);
    }

    /**
     * Writes magnitude {@code abs} with an explicit sign, so that JavaScript's negative zero can be
     * written (lib0 uses it as a flag in its run-length encoders).
     */
    public void writeVarInt(long abs, boolean negative) {
        ensure(10);
        buf[pos++] = (byte) ((abs > 0x3F ? 0x80 : 0) | (negative ? 0x40 : 0) | (abs & 0x3F));
        abs >>>= 6;
        while (abs > 0) {
            buf[pos++] = (byte) ((abs > 0x7F ? 0x80 : 0) | (abs & 0x7F));
            abs >>>= 7;
        }
    }

    /** Length-prefixed UTF-8 string; lone surrogates become U+FFFD as in JavaScript. */
    public void writeVarString(CharSequence s) {
        int n = s.length();
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            writeVarUint(n);
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[pos++] = (byte) s.charAt(i);
            }
            return;
        }
        int len = Utf8.encodedLength(s);
        writeVarUint(len);
        ensure(len);
        pos = Utf8.encode(s, buf, pos);
    }

    /** Length-prefixed bytes. */
    public void writeVarBytes(byte[] b) {
        writeVarBytes(b, 0, b.length);
    }

    public void writeVarBytes(byte[] b, int off, int len) {
        writeVarUint(len);
        writeBytes(b, off, len);
    }

    /** Raw bytes, no length. */
    public void writeBytes(byte[] b) {
        writeBytes(b, 0, b.length);
    }

    public void writeBytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    /** Appends everything another writer holds. */
    public void writeBytes(ByteWriter other) {
        writeBytes(other.buf, 0, other.pos);
    }

    public void writeFloat32(float f) {
        writeBigEndian(Float.floatToIntBits(f) & 0xFFFFFFFFL, 4);
    }

    public void writeFloat64(double d) {
        writeBigEndian(Double.doubleToLongBits(d), 8);
    }

    public void writeBigInt64(long v) {
        writeBigEndian(v, 8);
    }

    private void writeBigEndian(long v, int bytes) {
        ensure(bytes);
        for (int i = bytes - 1; i >= 0; i--) {
            buf[pos++] = (byte) (v >>> (8 * i));
        }
    }

    /** A copy of the bytes written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }
}
