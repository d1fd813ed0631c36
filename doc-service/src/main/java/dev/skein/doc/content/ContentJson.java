package dev.skein.doc.content;

import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.lib0.Json;
import dev.skein.ycrdt.types.Delta;
import dev.skein.ycrdt.types.YText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A document's roots as JSON: what Node prints for {@code JSON.stringify} of an object holding each
 * root's {@code toJSON()} (text as a string, arrays and maps as yjs renders them, XML as its XML
 * string), or each text root's {@code toDelta()} when formatting is to be kept.
 */
public final class ContentJson {

    private ContentJson() {
    }

    /** The JSON of the typed roots of {@code doc}. */
    public static String render(Doc doc, Map<String, RootTyping.TypedRoot> roots, boolean textAsDelta) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RootTyping.TypedRoot root : roots.values()) {
            var type = doc.share().get(root.name());
            if (textAsDelta && type instanceof YText text) {
                out.put(root.name(), delta(text.toDelta()));
            } else {
                out.put(root.name(), type.toJSON());
            }
        }
        return Json.stringify(out);
    }

    /** A delta as the list of objects yjs emits. */
    public static List<Map<String, Object>> delta(List<Delta> delta) {
        return delta.stream().map(Delta::toJSON).toList();
    }
}
