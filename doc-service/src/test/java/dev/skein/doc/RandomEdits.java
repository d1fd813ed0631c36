package dev.skein.doc;

import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.lib0.Json;
import dev.skein.ycrdt.types.AbstractType;
import dev.skein.ycrdt.types.YArray;
import dev.skein.ycrdt.types.YMap;
import dev.skein.ycrdt.types.YText;
import dev.skein.ycrdt.types.YXmlElement;
import dev.skein.ycrdt.types.YXmlFragment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random edit requests that fit a document with the roots text {@code t}, map {@code m}, array
 * {@code a} and XML {@code x}: every operation kind, formatting, nested types as values and edits
 * through paths into them. Test support.
 */
public final class RandomEdits {

    /** The roots every request declares. */
    public static final Map<String, Object> ROOTS = Map.of("t", "text", "m", "map", "a", "array", "x", "xml");

    private final Random random;

    public RandomEdits(long seed) {
        this.random = new Random(seed);
    }

    /** The random source. */
    public Random random() {
        return random;
    }

    /** A request of 1–3 operations that fits {@code doc} as it is (operations after the first may still be refused). */
    public String request(Doc doc) {
        List<Object> ops = new ArrayList<>();
        int n = 1 + random.nextInt(2);
        for (int i = 0; i < n; i++) {
            ops.add(op(doc));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ops", ops);
        body.put("roots", ROOTS);
        return Json.stringify(body);
    }

    /** One operation fitting {@code doc}. */
    public Map<String, Object> op(Doc doc) {
        Map<String, Object> op = new LinkedHashMap<>();
        int kind = random.nextInt(12);
        YText t = (YText) typed(doc, "t", new YText());
        YMap m = (YMap) typed(doc, "m", new YMap());
        YArray a = (YArray) typed(doc, "a", new YArray());
        YXmlFragment x = (YXmlFragment) typed(doc, "x", new YXmlFragment());
        switch (kind) {
            case 0, 1 -> text(op, "t", List.of(), t == null ? 0 : t.length());
            case 2 -> {
                int len = t == null ? 0 : t.length();
                if (len == 0) {
                    text(op, "t", List.of(), 0);
                } else {
                    int index = random.nextInt(len);
                    op.put("op", random.nextBoolean() ? "text.delete" : "text.format");
                    op.put("root", "t");
                    op.put("index", (double) index);
                    op.put("length", (double) (1 + random.nextInt(Math.min(4, len - index))));
                    if ("text.format".equals(op.get("op"))) {
                        Map<String, Object> attrs = new LinkedHashMap<>();
                        attrs.put(random.nextBoolean() ? "bold" : "italic", random.nextInt(3) == 0 ? null : true);
                        op.put("attributes", attrs);
                    }
                }
            }
            case 3, 4 -> {
                op.put("op", "map.set");
                op.put("root", "m");
                op.put("key", "k" + random.nextInt(5));
                op.put("value", value(1));
            }
            case 5 -> {
                op.put("op", "map.delete");
                op.put("root", "m");
                op.put("key", "k" + random.nextInt(5));
            }
            case 6 -> {
                int len = a == null ? 0 : a.length();
                op.put("op", "array.insert");
                op.put("root", "a");
                op.put("index", random.nextInt(4) == 0 ? "end" : (Object) (double) random.nextInt(len + 1));
                List<Object> values = new ArrayList<>();
                for (int i = 0; i <= random.nextInt(2); i++) {
                    values.add(value(1));
                }
                op.put("values", values);
            }
            case 7 -> {
                int len = a == null ? 0 : a.length();
                if (len == 0) {
                    return op(doc);
                }
                int index = random.nextInt(len);
                op.put("op", "array.delete");
                op.put("root", "a");
                op.put("index", (double) index);
                op.put("length", (double) (1 + random.nextInt(Math.min(2, len - index))));
            }
            case 8, 9 -> {
                // into a nested type, found through its path
                List<Object> path = new ArrayList<>();
                AbstractType<?> nested = nested(m, a, path);
                if (nested == null) {
                    return op(doc);
                }
                String root = (String) path.remove(0);
                if (nested instanceof YText nt) {
                    text(op, root, path, nt.length());
                    op.remove("attributes");
                } else if (nested instanceof YMap) {
                    op.put("op", "map.set");
                    op.put("root", root);
                    op.put("path", path);
                    op.put("key", "n" + random.nextInt(3));
                    op.put("value", value(2));
                } else {
                    op.put("op", "array.insert");
                    op.put("root", root);
                    op.put("path", path);
                    op.put("index", "end");
                    op.put("values", List.of(value(2)));
                }
            }
            default -> {
                int len = x == null ? 0 : x.length();
                op.put("root", "x");
                int what = random.nextInt(3);
                if (len == 0 || what == 0) {
                    op.put("op", "xml.insert");
                    op.put("index", (double) random.nextInt(len + 1));
                    Map<String, Object> node = new LinkedHashMap<>();
                    node.put("element", random.nextBoolean() ? "p" : "h1");
                    node.put("children", List.of(Map.of("text", plainWord())));
                    op.put("nodes", List.of(node));
                } else if (what == 1 && x.get(0) instanceof YXmlElement) {
                    op.put("op", "xml.setAttribute");
                    op.put("path", List.of((double) random.nextInt(len)));
                    op.put("name", "a" + random.nextInt(2));
                    op.put("value", word());
                    if (!(x.get(((Double) ((List<?>) op.get("path")).get(0)).intValue()) instanceof YXmlElement)) {
                        return op(doc);
                    }
                } else {
                    op.put("op", "xml.delete");
                    op.put("index", (double) random.nextInt(len));
                    op.put("length", 1.0);
                }
            }
        }
        return op;
    }

    private void text(Map<String, Object> op, String root, List<Object> path, int length) {
        op.put("op", "text.insert");
        op.put("root", root);
        if (!path.isEmpty()) {
            op.put("path", path);
        }
        op.put("index", random.nextInt(5) == 0 ? "end" : (Object) (double) random.nextInt(length + 1));
        op.put("text", plainWord());
        if (random.nextInt(4) == 0) {
            op.put("attributes", Map.of(random.nextBoolean() ? "bold" : "italic", true));
        }
    }

    private AbstractType<?> nested(YMap m, YArray a, List<Object> path) {
        List<List<Object>> found = new ArrayList<>();
        if (m != null) {
            for (Map.Entry<String, Object> e : m.entries().entrySet()) {
                if (e.getValue() instanceof AbstractType<?>) {
                    found.add(List.of("m", e.getKey()));
                }
            }
        }
        if (a != null) {
            for (int i = 0; i < a.length(); i++) {
                if (a.get(i) instanceof AbstractType<?>) {
                    found.add(List.of("a", (double) i));
                }
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        List<Object> chosen = found.get(random.nextInt(found.size()));
        path.addAll(chosen);
        return chosen.get(0).equals("m") ? (AbstractType<?>) m.get((String) chosen.get(1))
            : (AbstractType<?>) a.get(((Double) chosen.get(1)).intValue());
    }

    private Object value(int depth) {
        return switch (random.nextInt(depth > 1 ? 5 : 8)) {
            case 0 -> (double) random.nextInt(100);
            case 1 -> word();
            case 2 -> random.nextBoolean();
            case 3 -> List.of(word(), (double) random.nextInt(9));
            case 4 -> Map.of("w", word());
            case 5 -> Map.of("$ytext", plainWord());
            case 6 -> Map.of("$yarray", List.of(value(depth + 1)));
            default -> Map.of("$ymap", Map.of("v", value(depth + 1)));
        };
    }

    /**
     * A word without astral characters: an index between the halves of a surrogate pair splits it,
     * and yjs then turns both halves into U+FFFD without any event saying so.
     */
    private String plainWord() {
        String[] words = {"a", "bc", "def", "ghij", "ü", "é", " ", "xy z"};
        return words[random.nextInt(words.length)];
    }

    private String word() {
        String[] words = {"a", "bc", "def", "ghij", "ü", "😀", " ", "xy z"};
        return words[random.nextInt(words.length)];
    }

    private static AbstractType<?> typed(Doc doc, String name, AbstractType<?> kind) {
        AbstractType<?> t = doc.share().get(name);
        return t != null && t.getClass() == kind.getClass() ? t : null;
    }
}
