package dev.skein.ycrdt.lib0;

import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.YDecodingException.Reason;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * lib0's {@code writeAny} / {@code readAny}: JavaScript values in a tagged binary form.
 *
 * <p>The Java model of a JavaScript value: {@link #UNDEFINED}; {@code null}; {@link Boolean};
 * {@link String}; numbers as {@link Double} (any {@link Number} is accepted when writing);
 * {@link BigInteger} for a {@code bigint} (64-bit); {@code byte[]} for a {@code Uint8Array};
 * {@link List} for an array; {@link Map} with String keys for an object. Decoding yields exactly
 * these types ({@link ArrayList}, {@link LinkedHashMap}).
 */
public final class Any {

    /** JavaScript's {@code undefined}. */
    public static final Object UNDEFINED = new Object() {
        @Override
        public String toString() {
            return "undefined";
        }
    };

    /** Nesting deeper than this is rejected, so hostile input cannot overflow the stack. */
    public static final int MAX_DEPTH = 512;

    static final int TAG_UNDEFINED = 127;
    static final int TAG_NULL = 126;
    static final int TAG_INTEGER = 125;
    static final int TAG_FLOAT32 = 124;
    static final int TAG_FLOAT64 = 123;
    static final int TAG_BIGINT = 122;
    static final int TAG_FALSE = 121;
    static final int TAG_TRUE = 120;
    static final int TAG_STRING = 119;
    static final int TAG_OBJECT = 118;
    static final int TAG_ARRAY = 117;
    static final int TAG_BYTES = 116;

    private static final double BITS31 = 0x7FFFFFFF;
    private static final String PROTO = "__proto__";

    private Any() {
    }

    /** Writes {@code value} the way lib0's {@code writeAny} writes the JavaScript equivalent. */
    public static void write(ByteWriter w, Object value) {
        if (value == UNDEFINED) {
            w.writeUint8(TAG_UNDEFINED);
        } else if (value == null) {
            w.writeUint8(TAG_NULL);
        } else if (value instanceof String s) {
            w.writeUint8(TAG_STRING);
            w.writeVarString(s);
        } else if (value instanceof BigInteger b) {
            w.writeUint8(TAG_BIGINT);
            w.writeBigInt64(b.longValue()); // BigInt64 wraps modulo 2^64 as DataView.setBigInt64 does
        } else if (value instanceof Number n) {
            writeNumber(w, n.doubleValue());
        } else if (value instanceof Boolean b) {
            w.writeUint8(b ? TAG_TRUE : TAG_FALSE);
        } else if (value instanceof byte[] bytes) {
            w.writeUint8(TAG_BYTES);
            w.writeVarBytes(bytes);
        } else if (value instanceof List<?> list) {
            w.writeUint8(TAG_ARRAY);
            w.writeVarUint(list.size());
            for (Object o : list) {
                write(w, o);
            }
        } else if (value instanceof Map<?, ?> map) {
            w.writeUint8(TAG_OBJECT);
            List<String> keys = JsObjects.keys(map);
            w.writeVarUint(keys.size());
            for (String k : keys) {
                w.writeVarString(k);
                write(w, map.get(k));
            }
        } else {
            throw new IllegalArgumentException("not a JavaScript value: " + value.getClass());
        }
    }

    private static void writeNumber(ByteWriter w, double d) {
        if (d == Math.rint(d) && Math.abs(d) <= BITS31) {
            w.writeUint8(TAG_INTEGER);
            w.writeVarInt((long) Math.abs(d), d < 0 || (d == 0 && 1 / d < 0));
        } else if (!Double.isNaN(d) && (double) (float) d == d) {
            w.writeUint8(TAG_FLOAT32);
            w.writeFloat32((float) d);
        } else {
            w.writeUint8(TAG_FLOAT64);
            w.writeFloat64(d);
        }
    }

    /** Reads one value written by lib0's {@code writeAny}. */
    public static Object read(ByteReader r) {
        return read(r, 0);
    }

    private static Object read(ByteReader r, int depth) {
        if (depth > MAX_DEPTH) {
            throw new YDecodingException(Reason.UNEXPECTED_VALUE, r.position(), "value nested too deeply");
        }
        int tag = r.readUint8();
        switch (tag) {
            case TAG_UNDEFINED:
                return UNDEFINED;
            case TAG_NULL:
                return null;
            case TAG_INTEGER: {
                long v = r.readVarInt();
                return v == 0 && r.lastVarIntNegative() ? -0.0d : (double) v;
            }
            case TAG_FLOAT32:
                return (double) r.readFloat32();
            case TAG_FLOAT64:
                return r.readFloat64();
            case TAG_BIGINT:
                return BigInteger.valueOf(r.readBigInt64());
            case TAG_FALSE:
                return Boolean.FALSE;
            case TAG_TRUE:
                return Boolean.TRUE;
            case TAG_STRING:
                return r.readVarString();
            case TAG_OBJECT: {
                long len = r.readVarUint();
                if (len > r.remaining()) {
                    throw new YDecodingException(Reason.END_OF_BUFFER, r.position(), "object larger than input");
                }
                Map<String, Object> obj = new LinkedHashMap<>();
                for (long i = 0; i < len; i++) {
                    String key = r.readVarString();
                    Object value = read(r, depth + 1);
                    // lib0 assigns obj[key] = value on a plain object: "__proto__" sets the
                    // prototype (or is ignored) and never becomes a key, so it vanishes on re-encoding
                    if (!PROTO.equals(key)) {
                        obj.put(key, value);
                    }
                }
                return obj;
            }
            case TAG_ARRAY: {
                long len = r.readVarUint();
                if (len > r.remaining()) {
                    throw new YDecodingException(Reason.END_OF_BUFFER, r.position(), "array larger than input");
                }
                List<Object> arr = new ArrayList<>((int) len);
                for (long i = 0; i < len; i++) {
                    arr.add(read(r, depth + 1));
                }
                return arr;
            }
            case TAG_BYTES:
                return r.readVarBytes();
            default:
                throw new YDecodingException(Reason.UNEXPECTED_VALUE, r.position() - 1, "unknown Any tag " + tag);
        }
    }

    /** Structural equality of two decoded values (byte arrays by content, numbers by bits). */
    public static boolean equal(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (!JsObjects.keys(x).equals(JsObjects.keys(y))) {
                return false;
            }
            for (Object k : x.keySet()) {
                if (!equal(x.get(k), y.get(k))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
