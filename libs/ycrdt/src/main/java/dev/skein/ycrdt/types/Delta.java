package dev.skein.ycrdt.types;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One operation of a delta (Quill's delta format, as Yjs uses it for text and arrays): insert,
 * retain or delete. {@link #toJSON()} gives the object Yjs would produce.
 */
public sealed interface Delta permits Delta.Insert, Delta.Retain, Delta.Delete {

    /**
     * Inserted content: a string, an embed or nested type for text; a list of values for arrays.
     *
     * @param insert     what is inserted
     * @param attributes formatting, or null when the op has none ({@code {}} is kept: Yjs emits it)
     */
    record Insert(Object insert, Map<String, Object> attributes) implements Delta {
        /** An insert without attributes. */
        public Insert(Object insert) {
            this(insert, null);
        }
    }

    /**
     * Unchanged content, possibly with changed formatting.
     *
     * @param retain     how many positions
     * @param attributes changed attributes (null value = removed), or null
     */
    record Retain(long retain, Map<String, Object> attributes) implements Delta {
        /** A retain without attributes. */
        public Retain(long retain) {
            this(retain, null);
        }
    }

    /**
     * Removed content.
     *
     * @param delete how many positions
     */
    record Delete(long delete) implements Delta {
    }

    /** The op as the JavaScript object Yjs emits ({@code {insert, attributes}} etc.). */
    default Map<String, Object> toJSON() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (this instanceof Insert i) {
            Object ins = i.insert();
            if (ins instanceof List<?> l) {
                ins = l.stream().map(JsValues::toJsonValue).toList();
            } else {
                ins = JsValues.toJsonValue(ins);
            }
            m.put("insert", ins);
            if (i.attributes() != null) {
                m.put("attributes", i.attributes());
            }
        } else if (this instanceof Retain r) {
            m.put("retain", (double) r.retain());
            if (r.attributes() != null) {
                m.put("attributes", r.attributes());
            }
        } else if (this instanceof Delete d) {
            m.put("delete", (double) d.delete());
        }
        return m;
    }
}
