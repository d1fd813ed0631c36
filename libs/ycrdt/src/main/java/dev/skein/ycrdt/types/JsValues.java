package dev.skein.ycrdt.types;

import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.lib0.Any;
import dev.skein.ycrdt.lib0.Json;
import dev.skein.ycrdt.lib0.JsObjects;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JavaScript value semantics the shared types depend on, over the value model of {@link Any}
 * (plus shared types and subdocuments): strict equality, Yjs's attribute equality, string
 * conversion, and normalisation of values handed in from Java.
 */
public final class JsValues {

    private JsValues() {
    }

    /** Whether {@code v} is a JavaScript primitive (not an object) in the Any model. */
    static boolean isPrimitive(Object v) {
        return v == null || v == Any.UNDEFINED || v instanceof String || v instanceof Number || v instanceof Boolean;
    }

    /** JavaScript's {@code a === b}: primitives by value (NaN never equal), objects by identity. */
    public static boolean strictEquals(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y && !(a instanceof BigInteger) && !(b instanceof BigInteger)) {
            return x.doubleValue() == y.doubleValue();
        }
        if (a instanceof BigInteger x && b instanceof BigInteger y) {
            return x.equals(y);
        }
        if (a instanceof String || a instanceof Boolean) {
            return a.equals(b);
        }
        return a == b;
    }

    /**
     * Yjs's {@code equalAttrs}: strictly equal, or two objects whose own properties are strictly
     * equal one by one (a shallow comparison: nested objects compare by identity).
     */
    public static boolean equalAttrs(Object a, Object b) {
        if (strictEquals(a, b)) {
            return true;
        }
        if (a == null || b == null || isPrimitive(a) || isPrimitive(b) || a instanceof BigInteger || b instanceof BigInteger) {
            return false;
        }
        List<String> ka = ownKeys(a);
        List<String> kb = ownKeys(b);
        if (ka == null || kb == null || ka.size() != kb.size()) {
            return false;
        }
        for (String k : ka) {
            Object va = property(a, k);
            if (va == Any.UNDEFINED && !kb.contains(k)) {
                return false;
            }
            if (!strictEquals(property(b, k), va)) {
                return false;
            }
        }
        return true;
    }

    /** Own enumerable keys of an object value (maps, arrays, byte arrays), or null. */
    static List<String> ownKeys(Object o) {
        if (o instanceof Map<?, ?> m) {
            return JsObjects.keys(m);
        }
        int n = o instanceof List<?> l ? l.size() : o instanceof byte[] b ? b.length : -1;
        if (o instanceof String s) {
            n = s.length();
        }
        if (n < 0) {
            return null; // shared types and documents: compared by identity only
        }
        List<String> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keys.add(Integer.toString(i));
        }
        return keys;
    }

    /** {@code o[key]} for an object value; undefined when absent. */
    static Object property(Object o, String key) {
        if (o instanceof Map<?, ?> m) {
            return m.containsKey(key) ? m.get(key) : Any.UNDEFINED;
        }
        int i;
        try {
            i = Integer.parseInt(key);
        } catch (NumberFormatException e) {
            return Any.UNDEFINED;
        }
        if (o instanceof List<?> l) {
            return i >= 0 && i < l.size() ? l.get(i) : Any.UNDEFINED;
        }
        if (o instanceof byte[] b) {
            return i >= 0 && i < b.length ? (double) (b[i] & 0xFF) : Any.UNDEFINED;
        }
        if (o instanceof String s) {
            return i >= 0 && i < s.length() ? String.valueOf(s.charAt(i)) : Any.UNDEFINED;
        }
        return Any.UNDEFINED;
    }

    /** JavaScript's {@code String(v)} (template literals and {@code +} with a string). */
    public static String toJsString(Object v) {
        if (v == null) {
            return "null";
        }
        if (v == Any.UNDEFINED) {
            return "undefined";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (v instanceof BigInteger b) {
            return b.toString();
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d)) {
                return "NaN";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "Infinity" : "-Infinity";
            }
            return Json.numberToString(d);
        }
        if (v instanceof List<?> l) {
            return join(l.size(), i -> l.get(i));
        }
        if (v instanceof byte[] b) {
            return join(b.length, i -> (double) (b[i] & 0xFF));
        }
        if (v instanceof AbstractType<?> t) {
            return t.toString();
        }
        return "[object Object]";
    }

    private static String join(int n, java.util.function.IntFunction<Object> at) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object e = at.apply(i);
            if (e != null && e != Any.UNDEFINED) {
                sb.append(toJsString(e));
            }
        }
        return sb.toString();
    }

    /**
     * A Java value as the Any model holds it: numbers become doubles (as JavaScript numbers), lists
     * and maps are copied recursively; strings, booleans, null, undefined, {@link BigInteger} and
     * byte arrays are kept. Anything else is an error.
     */
    public static Object normalize(Object v) {
        if (v == null || v == Any.UNDEFINED || v instanceof String || v instanceof Boolean || v instanceof Double
                || v instanceof BigInteger || v instanceof byte[]) {
            return v;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(normalize(o));
            }
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String k)) {
                    throw new IllegalArgumentException("object keys must be strings: " + e.getKey());
                }
                out.put(k, normalize(e.getValue()));
            }
            return out;
        }
        if (v instanceof Character c) {
            return String.valueOf(c);
        }
        throw new IllegalArgumentException("not a JSON-like value: " + v.getClass().getName());
    }

    /** Value for JSON output: shared types become their JSON, subdocuments their roots' JSON. */
    static Object toJsonValue(Object v) {
        if (v instanceof AbstractType<?> t) {
            return t.toJSON();
        }
        if (v instanceof Doc d) {
            return d.toJSON();
        }
        return v;
    }
}
