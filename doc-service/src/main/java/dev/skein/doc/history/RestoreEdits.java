package dev.skein.doc.history;

import dev.skein.doc.content.DocumentSchema;
import dev.skein.doc.content.RootType;
import dev.skein.doc.content.RootTyping;
import dev.skein.doc.edit.Values;
import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.lib0.Json;
import dev.skein.ycrdt.types.AbstractType;
import dev.skein.ycrdt.types.Delta;
import dev.skein.ycrdt.types.YArray;
import dev.skein.ycrdt.types.YMap;
import dev.skein.ycrdt.types.YText;
import dev.skein.ycrdt.types.YXmlElement;
import dev.skein.ycrdt.types.YXmlFragment;
import dev.skein.ycrdt.types.YXmlHook;
import dev.skein.ycrdt.types.YXmlText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The edit operations ({@code POST /docs/{id}/edits} JSON) that turn a document's current content
 * into a past version's, so that a restore is an ordinary forward edit:
 *
 * <ul>
 * <li>text: the common prefix and suffix (characters and embeds with their formatting attributes)
 *     stay; the version's middle is inserted run by run after the prefix with its attributes ({@code text.insert} with {@code attributes}, {@code {}} for none, so nothing is
 *     inherited from the neighbours; embeds with {@code embed}), then the differing middle deleted
 *     and the suffix's formatting set again (see {@link #reformat});</li>
 * <li>map: keys whose values differ are set, keys the version lacks deleted;</li>
 * <li>array: the common prefix and suffix of values stay, the middle is replaced;</li>
 * <li>xml: the common prefix and suffix of child nodes stay, the differing children are replaced
 *     ({@code xml.delete}, {@code xml.insert}; formatted XML text as {@code {"delta": […]}}).</li>
 * </ul>
 *
 * Nested types are compared and written by their content ({@code {"$ytext": …}},
 * {@code {"$ymap": …}}, {@code {"$yarray": …}}): a nested text is restored without its formatting.
 * The schema root is never touched.
 */
public final class RestoreEdits {

    /**
     * Operations and the types of the roots they touch (the request's {@code "roots"}).
     *
     * @param ops the operations, in order; empty when the content is the version's already
     * @param roots name to API type name of every root compared
     */
    public record Plan(List<Map<String, Object>> ops, Map<String, String> roots) {

        /** The body of an edit request carrying {@code ops} (a slice of {@link #ops()}). */
        public String body(List<Map<String, Object>> slice) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ops", slice);
            body.put("roots", roots);
            return Json.stringify(body);
        }
    }

    private RestoreEdits() {
    }

    /**
     * The roots to restore: those named, else every root either document has (typed by its schema
     * or content, as {@code /content} does).
     *
     * @throws IllegalArgumentException if a root has different types now and in the version
     */
    public static Map<String, RootType> roots(Doc current, Doc version, Map<String, RootType> named) {
        if (!named.isEmpty()) {
            return new LinkedHashMap<>(named);
        }
        Map<String, RootType> roots = new LinkedHashMap<>();
        for (Doc doc : List.of(version, current)) {
            RootTyping.type(doc, Map.of()).forEach((name, typed) -> {
                RootType earlier = roots.putIfAbsent(name, typed.type());
                if (earlier != null && earlier != typed.type()) {
                    throw new IllegalArgumentException("root " + name + " is a " + typed.type().apiName()
                        + " now but was a " + earlier.apiName() + " at the version");
                }
            });
        }
        return roots;
    }

    /**
     * The operations turning {@code current}'s roots into {@code version}'s.
     *
     * @throws IllegalArgumentException if a root is typed otherwise in either document, or holds
     *     something the edit operations cannot write (binary values, XML inside maps or arrays, hooks)
     */
    public static Plan plan(Doc current, Doc version, Map<String, RootType> roots) {
        List<Map<String, Object>> ops = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (Map.Entry<String, RootType> root : roots.entrySet()) {
            String name = root.getKey();
            if (DocumentSchema.ROOT.equals(name)) {
                continue;
            }
            AbstractType<?> now = root.getValue().define(current, name);
            AbstractType<?> then = root.getValue().define(version, name);
            types.put(name, root.getValue().apiName());
            switch (root.getValue()) {
                case TEXT -> text(name, (YText) now, (YText) then, ops);
                case MAP -> map(name, (YMap) now, (YMap) then, ops);
                case ARRAY -> array(name, (YArray) now, (YArray) then, ops);
                case XML -> xml(name, (YXmlFragment) now, (YXmlFragment) then, ops);
            }
        }
        return new Plan(ops, types);
    }

    /** One character (or embed) of a text with its formatting. */
    private record Unit(Object content, boolean embed, Map<String, Object> attributes) {
    }

    private static List<Unit> units(YText text) {
        List<Unit> units = new ArrayList<>();
        for (Delta op : text.toDelta()) {
            if (!(op instanceof Delta.Insert insert)) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> attributes = insert.attributes() == null ? Map.of()
                : (Map<String, Object>) canonical(insert.attributes());
            if (insert.insert() instanceof String s) {
                for (int i = 0; i < s.length(); i++) {
                    units.add(new Unit(String.valueOf(s.charAt(i)), false, attributes));
                }
            } else if (insert.insert() instanceof AbstractType<?>) {
                throw new IllegalArgumentException("a text holding a nested type cannot be restored by edits");
            } else {
                units.add(new Unit(canonical(op.toJSON().get("insert")), true, attributes));
            }
        }
        return units;
    }

    private static void text(String root, YText now, YText then, List<Map<String, Object>> ops) {
        List<Unit> current = units(now);
        List<Unit> wanted = units(then);
        int[] same = commonEnds(current, wanted);
        int prefix = same[0];
        int removed = current.size() - prefix - same[1];
        int index = prefix;
        int end = wanted.size() - same[1];
        int i = prefix;
        while (i < end) {
            Unit first = wanted.get(i);
            if (first.embed()) {
                ops.add(op("text.insert", root, "index", index, "embed", first.content(), "attributes", first.attributes()));
                index++;
                i++;
                continue;
            }
            StringBuilder run = new StringBuilder();
            while (i < end && !wanted.get(i).embed() && wanted.get(i).attributes().equals(first.attributes())) {
                run.append((String) wanted.get(i).content());
                i++;
            }
            // explicit attributes ({} for none): nothing is inherited from the text around
            ops.add(op("text.insert", root, "index", index, "text", run.toString(), "attributes", first.attributes()));
            index += run.length();
        }
        // deleted after the inserts: the inserted runs' formatting marks are balanced, the deleted
        // middle leaves its marks, so the suffix keeps exactly the formatting it had
        if (removed > 0) {
            ops.add(op("text.delete", root, "index", index, "length", removed));
            reformat(root, wanted, end, current, ops);
        }
    }

    /**
     * Sets the formatting of the suffix again, run by run, with every other attribute removed.
     *
     * <p>Why: a deletion drops the format marks inside the deleted range that the attributes at
     * its start make redundant, and it takes those attributes from a search marker when the text
     * has one. A marker starts with no attributes, so a mark that ends bold inside the range can
     * look redundant and go, and bold then runs on into the suffix. yjs 13.6 switches markers off
     * for a text once a format mark is integrated into it, but not for a root that was read as a
     * text only after its formatted content was loaded, which is how the owner meets a document
     * (state loaded, roots typed by the edit). This is yjs's behaviour, not a ycrdt deviation: a
     * yjs document that applies the state before {@code getText} does exactly the same, which
     * libs/ycrdt's {@code FormattingGapDifferentialTest} checks case by case (insert formatted
     * text, delete a middle range, insert plain text there; and random restores). So the edits
     * must not rely on the deletion keeping the suffix's formatting. Formatting a run as it
     * already is adds nothing.
     */
    private static void reformat(String root, List<Unit> wanted, int from, List<Unit> current,
            List<Map<String, Object>> ops) {
        Set<String> keys = new LinkedHashSet<>();
        for (List<Unit> units : List.of(current, wanted)) {
            units.forEach(unit -> keys.addAll(unit.attributes().keySet()));
        }
        if (keys.isEmpty()) {
            return;
        }
        int i = from;
        while (i < wanted.size()) {
            Map<String, Object> attributes = wanted.get(i).attributes();
            int start = i;
            while (i < wanted.size() && wanted.get(i).attributes().equals(attributes)) {
                i++;
            }
            Map<String, Object> exactly = new LinkedHashMap<>();
            keys.forEach(key -> exactly.put(key, null));
            exactly.putAll(attributes);
            ops.add(op("text.format", root, "index", start, "length", i - start, "attributes", exactly));
        }
    }

    private static void map(String root, YMap now, YMap then, List<Map<String, Object>> ops) {
        Map<String, Object> current = now.entries();
        Map<String, Object> wanted = then.entries();
        Set<String> keys = new LinkedHashSet<>(current.keySet());
        keys.addAll(wanted.keySet());
        for (String key : keys) {
            if (!wanted.containsKey(key)) {
                ops.add(op("map.delete", root, "key", key));
                continue;
            }
            Object value = value(wanted.get(key));
            if (!current.containsKey(key) || !Objects.equals(value(current.get(key)), value)) {
                ops.add(op("map.set", root, "key", key, "value", value));
            }
        }
    }

    private static void array(String root, YArray now, YArray then, List<Map<String, Object>> ops) {
        List<Object> current = now.toArray().stream().map(RestoreEdits::value).toList();
        List<Object> wanted = then.toArray().stream().map(RestoreEdits::value).toList();
        replaceMiddle(root, "array", "values", current, wanted, ops);
    }

    private static void xml(String root, YXmlFragment now, YXmlFragment then, List<Map<String, Object>> ops) {
        List<Object> current = now.toArray().stream().map(RestoreEdits::node).toList();
        List<Object> wanted = then.toArray().stream().map(RestoreEdits::node).toList();
        replaceMiddle(root, "xml", "nodes", current, wanted, ops);
    }

    private static void replaceMiddle(String root, String kind, String field, List<Object> current, List<Object> wanted,
            List<Map<String, Object>> ops) {
        int[] same = commonEnds(current, wanted);
        int removed = current.size() - same[0] - same[1];
        if (removed > 0) {
            ops.add(op(kind + ".delete", root, "index", same[0], "length", removed));
        }
        List<Object> inserted = wanted.subList(same[0], wanted.size() - same[1]);
        if (!inserted.isEmpty()) {
            ops.add(op(kind + ".insert", root, "index", same[0], field, new ArrayList<>(inserted)));
        }
    }

    /** Lengths of the longest common prefix and of the longest common suffix not overlapping it. */
    private static int[] commonEnds(List<?> a, List<?> b) {
        int shorter = Math.min(a.size(), b.size());
        int prefix = 0;
        while (prefix < shorter && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < shorter - prefix && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        return new int[] {prefix, suffix};
    }

    /** A value of a map or array as an edit writes it: JSON, nested types by their markers. */
    private static Object value(Object value) {
        if (value instanceof YXmlFragment || value instanceof YXmlHook || value instanceof YXmlText) {
            throw new IllegalArgumentException("XML nested in a map or array cannot be restored by edits");
        }
        if (value instanceof YText text) {
            return Map.of(Values.TEXT, text.toString());
        }
        if (value instanceof YMap map) {
            Map<String, Object> entries = new LinkedHashMap<>();
            map.entries().forEach((k, v) -> entries.put(k, value(v)));
            return Map.of(Values.MAP, entries);
        }
        if (value instanceof YArray array) {
            return Map.of(Values.ARRAY, array.toArray().stream().map(RestoreEdits::value).toList());
        }
        if (value instanceof byte[]) {
            throw new IllegalArgumentException("binary values cannot be restored by edits");
        }
        return canonical(value);
    }

    /** An XML child as {@code xml.insert} writes it. */
    private static Object node(Object child) {
        if (child instanceof YXmlText text) {
            List<Map<String, Object>> runs = new ArrayList<>();
            boolean formatted = false;
            for (Delta op : text.toDelta()) {
                Map<String, Object> run = op.toJSON();
                formatted |= run.containsKey("attributes") && !((Map<?, ?>) run.get("attributes")).isEmpty()
                    || !(run.get("insert") instanceof String);
                runs.add(run);
            }
            return formatted ? Map.of("delta", canonical(runs)) : Map.of("text", text.toString());
        }
        if (child instanceof YXmlElement element) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("element", element.nodeName());
            Map<String, Object> attributes = new LinkedHashMap<>();
            element.getAttributes().forEach((k, v) -> attributes.put(k, v instanceof String s ? s : Json.stringify(v)));
            if (!attributes.isEmpty()) {
                node.put("attributes", attributes);
            }
            List<Object> children = element.toArray().stream().map(RestoreEdits::node).toList();
            if (!children.isEmpty()) {
                node.put("children", children);
            }
            return node;
        }
        throw new IllegalArgumentException("XML hooks cannot be restored by edits");
    }

    /** A JSON value in the shape parsing gives (numbers as doubles), so that equal JSON is equal. */
    private static Object canonical(Object value) {
        String json = Json.stringify(value);
        return json == null ? null : Json.parse(json);
    }

    private static Map<String, Object> op(String name, String root, Object... fields) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("op", name);
        op.put("root", root);
        for (int i = 0; i < fields.length; i += 2) {
            op.put((String) fields[i], fields[i + 1] instanceof Integer n ? (double) n : fields[i + 1]);
        }
        return op;
    }
}
