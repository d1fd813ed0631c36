package dev.skein.doc.edit;

import dev.skein.ycrdt.types.YArray;
import dev.skein.ycrdt.types.YMap;
import dev.skein.ycrdt.types.YText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values of {@code map.set} and {@code array.insert}: plain JSON is stored as JSON (Yjs's
 * {@code ContentAny}); an object with the single key {@code $ytext} (a string), {@code $ymap} (an
 * object) or {@code $yarray} (an array) becomes a nested {@code Y.Text}, {@code Y.Map} or
 * {@code Y.Array} with that content, whose values may again be nested types.
 */
public final class Values {

    /** Marker of a nested text. */
    public static final String TEXT = "$ytext";
    /** Marker of a nested map. */
    public static final String MAP = "$ymap";
    /** Marker of a nested array. */
    public static final String ARRAY = "$yarray";

    private Values() {
    }

    /**
     * Checks the markers in {@code value}; returns it.
     *
     * @throws EditRejectedException for a marker with the wrong content
     */
    static Object checked(int op, Object value) {
        String marker = marker(value);
        if (marker == null) {
            return value;
        }
        Object content = ((Map<?, ?>) value).get(marker);
        switch (marker) {
            case TEXT -> {
                if (!(content instanceof String)) {
                    throw new EditRejectedException(op, TEXT + " must be a string");
                }
            }
            case MAP -> {
                if (!(content instanceof Map<?, ?> m)) {
                    throw new EditRejectedException(op, MAP + " must be an object");
                }
                m.values().forEach(v -> checked(op, v));
            }
            default -> {
                if (!(content instanceof List<?> l)) {
                    throw new EditRejectedException(op, ARRAY + " must be an array");
                }
                l.forEach(v -> checked(op, v));
            }
        }
        return value;
    }

    /** What to hand to ycrdt for a checked value: new (unintegrated) types for markers, the JSON otherwise. */
    static Object content(Object value) {
        String marker = marker(value);
        if (marker == null) {
            return value;
        }
        Object content = ((Map<?, ?>) value).get(marker);
        return switch (marker) {
            case TEXT -> new YText((String) content);
            case MAP -> {
                Map<String, Object> entries = new LinkedHashMap<>();
                ((Map<?, ?>) content).forEach((k, v) -> entries.put((String) k, content(v)));
                yield new YMap(entries);
            }
            default -> YArray.from(contents((List<?>) content));
        };
    }

    /** {@link #content} of each value. */
    static List<Object> contents(List<?> values) {
        List<Object> out = new ArrayList<>(values.size());
        values.forEach(v -> out.add(content(v)));
        return out;
    }

    private static String marker(Object value) {
        if (value instanceof Map<?, ?> m && m.size() == 1) {
            Object key = m.keySet().iterator().next();
            if (TEXT.equals(key) || MAP.equals(key) || ARRAY.equals(key)) {
                return (String) key;
            }
        }
        return null;
    }
}
