package dev.skein.ycrdt.lib0;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** JavaScript object semantics the codecs depend on. */
public final class JsObjects {

    private JsObjects() {
    }

    /**
     * The keys of {@code map} in {@code Object.keys} order: array-index keys ascending first,
     * then the others in insertion order.
     */
    public static List<String> keys(Map<?, ?> map) {
        List<String> indexKeys = null;
        List<String> other = new ArrayList<>(map.size());
        for (Object k : map.keySet()) {
            String key = (String) k;
            if (isArrayIndex(key)) {
                if (indexKeys == null) {
                    indexKeys = new ArrayList<>();
                }
                indexKeys.add(key);
            } else {
                other.add(key);
            }
        }
        if (indexKeys == null) {
            return other;
        }
        indexKeys.sort((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
        indexKeys.addAll(other);
        return indexKeys;
    }

    /** Whether {@code key} is a canonical array index (0 .. 2^32-2) in JavaScript's sense. */
    public static boolean isArrayIndex(String key) {
        int n = key.length();
        if (n == 0 || n > 10) {
            return false;
        }
        if (n > 1 && key.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return Long.parseLong(key) <= 0xFFFFFFFEL;
    }

    /** JavaScript truthiness of a decoded value. */
    public static boolean truthy(Object v) {
        if (v == null || v == Any.UNDEFINED) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n && !(v instanceof java.math.BigInteger)) {
            double d = n.doubleValue();
            return d != 0 && !Double.isNaN(d);
        }
        if (v instanceof java.math.BigInteger b) {
            return b.signum() != 0;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        return true;
    }
}
