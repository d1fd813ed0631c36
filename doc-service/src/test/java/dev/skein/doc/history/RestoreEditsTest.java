package dev.skein.doc.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.doc.content.ContentAnswer;
import dev.skein.doc.content.RootType;
import dev.skein.doc.edit.EditApplier;
import dev.skein.doc.edit.EditOps;
import dev.skein.doc.edit.StreamAnchors;
import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.lib0.Json;
import dev.skein.ycrdt.types.YArray;
import dev.skein.ycrdt.types.YMap;
import dev.skein.ycrdt.types.YText;
import dev.skein.ycrdt.types.YXmlElement;
import dev.skein.ycrdt.types.YXmlText;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The edits of a restore, applied as the owner applies edit requests: afterwards the document's
 * JSON, and every text's delta, are the version's; restoring the newer state again undoes it.
 */
class RestoreEditsTest {

    private static final Map<String, RootType> ROOTS = Map.of("t", RootType.TEXT, "m", RootType.MAP,
        "a", RootType.ARRAY, "x", RootType.XML);

    /** A copy of a document as the service meets it: loaded from its state, roots untyped. */
    private static Doc copy(Doc doc) {
        Doc copy = new Doc();
        copy.applyUpdate(doc.encodeStateAsUpdate());
        return copy;
    }

    /**
     * JSON of the four roots with texts as deltas (formatting and embeds included), as
     * /content?text=delta shows it, parsed: objects compare without key order (the order of a run's
     * attributes is the order yjs met their format marks in).
     */
    @SuppressWarnings("unchecked")
    private static Object json(Doc doc) {
        Doc loaded = copy(doc);
        Map<String, Object> json = (Map<String, Object>) Json.parse(
            ContentAnswer.render(loaded, ROOTS_ORDERED, "delta").getEntity().toString());
        json.put("t", joined((List<Object>) json.get("t")));
        return json;
    }

    @SuppressWarnings("unchecked")
    private static Object delta(Doc doc) {
        return joined((List<Object>) Json.parse(Json.stringify(
            copy(doc).getText("t").toDelta().stream().map(d -> d.toJSON()).toList())));
    }

    /**
     * A delta with neighbouring text runs of equal attributes joined: yjs splits a run where format
     * marks that change nothing sit, which the text and its formatting do not show.
     */
    @SuppressWarnings("unchecked")
    private static List<Object> joined(List<Object> delta) {
        List<Object> out = new java.util.ArrayList<>();
        for (Object o : delta) {
            Map<String, Object> op = new java.util.LinkedHashMap<>((Map<String, Object>) o);
            Map<String, Object> last = out.isEmpty() ? null : (Map<String, Object>) out.get(out.size() - 1);
            if (last != null && last.get("insert") instanceof String a && op.get("insert") instanceof String b
                    && java.util.Objects.equals(last.get("attributes"), op.get("attributes"))) {
                last.put("insert", a + b);
            } else {
                out.add(op);
            }
        }
        return out;
    }

    private static final Map<String, RootType> ROOTS_ORDERED = new java.util.LinkedHashMap<>(Map.of());

    static {
        ROOTS_ORDERED.put("t", RootType.TEXT);
        ROOTS_ORDERED.put("m", RootType.MAP);
        ROOTS_ORDERED.put("a", RootType.ARRAY);
        ROOTS_ORDERED.put("x", RootType.XML);
    }

    /** Applies the restore of {@code version} onto {@code current} as the owner would; the number of operations. */
    private static int restore(Doc current, Doc version, Map<String, RootType> named) {
        Doc now = copy(current);
        Doc then = copy(version);
        RestoreEdits.Plan plan = RestoreEdits.plan(now, then, RestoreEdits.roots(now, then, named));
        if (plan.ops().isEmpty()) {
            return 0;
        }
        String body = plan.body(plan.ops());
        current.transact(t -> new EditApplier(current, new StreamAnchors(4), (n, r) -> { }).apply(EditOps.parse(body)));
        return plan.ops().size();
    }

    private static Doc fork(Doc doc, Consumer<Doc> edits) {
        Doc fork = copy(doc);
        ROOTS.forEach((name, type) -> type.define(fork, name));
        edits.accept(fork);
        return fork;
    }

    private static Doc base() {
        Doc doc = new Doc();
        YText t = doc.getText("t");
        t.insert(0, "Hello brave new world");
        t.format(0, 5, Map.of("bold", true));
        t.insertEmbed(6, Map.of("image", "a.png"), Map.of());
        YMap m = doc.getMap("m");
        m.set("title", "Plan");
        m.set("n", 1.0);
        m.set("nested", new YMap(Map.of("k", "v")));
        m.set("notes", new YText("note"));
        YArray a = doc.getArray("a");
        a.insert(0, List.of(1.0, "two", Map.of("three", 3.0), YArray.from(List.of(true))));
        var x = doc.getXmlFragment("x");
        YXmlElement p = new YXmlElement("p");
        p.setAttribute("class", "lead");
        YXmlText pt = new YXmlText();
        p.insert(0, List.of(pt));
        x.insert(0, List.of(p, new YXmlElement("hr")));
        pt.insert(0, "styled", Map.of("italic", true));
        pt.insert(6, " plain", Map.of());
        return doc;
    }

    @Test
    void everyRootTypeIsBroughtBackToTheVersion() {
        Doc version = base();
        Doc current = fork(version, d -> {
            YText t = d.getText("t");
            t.delete(0, 3);
            t.insert(3, "XY");
            Map<String, Object> italicNotBold = new java.util.HashMap<>();
            italicNotBold.put("italic", true);
            italicNotBold.put("bold", null);
            t.format(5, 4, italicNotBold);
            t.insert(t.length(), "!", Map.of("color", "red"));
            t.delete(7, 1); // the embed, maybe
            d.getMap("m").set("title", "Other");
            d.getMap("m").delete("n");
            d.getMap("m").set("added", List.of(1.0));
            ((YText) d.getMap("m").get("notes")).insert(0, "a ");
            d.getArray("a").delete(1, 2);
            d.getArray("a").insert(0, List.of("first"));
            d.getXmlFragment("x").delete(1, 1);
            d.getXmlFragment("x").insert(0, List.of(new YXmlElement("h1")));
            ((YXmlText) ((YXmlElement) d.getXmlFragment("x").get(1)).get(0)).format(0, 3, Map.of("bold", true));
        });
        Object newer = json(current);
        Object older = json(version);
        assertTrue(!newer.equals(older));

        assertTrue(restore(current, version, Map.of()) > 0);
        assertEquals(older, json(current), "the current content is the version's");
        assertEquals(0, restore(current, version, Map.of()), "nothing left to change");
    }

    @Test
    void restoringTheNewerStateAgainUndoesIt() {
        Doc version = base();
        Doc current = fork(version, d -> {
            d.getText("t").insert(2, "ZZ", Map.of("underline", true));
            d.getMap("m").set("title", "Changed");
            d.getArray("a").push(List.of("more"));
            d.getXmlFragment("x").push(List.of(new YXmlElement("footer")));
        });
        Doc newer = copy(current);
        Object newerJson = json(newer);
        restore(current, version, Map.of());
        assertEquals(json(version), json(current));
        restore(current, newer, Map.of());
        assertEquals(newerJson, json(current), "restoring the newer state undoes the restore");
    }

    @Test
    void aRootTheVersionLacksIsEmptiedAndOneItHadComesBack() {
        Doc version = new Doc();
        version.getText("t").insert(0, "only text");
        Doc current = fork(version, d -> {
            d.getText("t").delete(0, 9);
            d.getMap("m").set("k", "v");
        });
        restore(current, version, Map.of());
        assertEquals("only text", copy(current).getText("t").toString());
        assertEquals("{}", Json.stringify(copy(current).getMap("m").toJSON()));
    }

    @Test
    void textFormattingDifferencesAloneAreRestored() {
        Doc version = new Doc();
        version.getText("t").insert(0, "abcdef", Map.of("bold", true));
        Map<String, Object> notBold = new java.util.HashMap<>();
        notBold.put("bold", null);
        Doc current = fork(version, d -> d.getText("t").format(2, 2, notBold));
        restore(current, version, Map.of("t", RootType.TEXT));
        assertEquals(Json.parse(Json.stringify(List.of(Map.of("insert", "abcdef", "attributes", Map.of("bold", true))))),
            delta(current));
    }

    @Test
    void randomTextEditsAreUndone() {
        Random random = new Random(21);
        for (int round = 0; round < 200; round++) {
            Doc version = new Doc();
            randomText(random, version.getText("t"), 8);
            Doc current = fork(version, d -> randomText(random, d.getText("t"), 1 + random.nextInt(6)));
            Map<String, RootType> t = Map.of("t", RootType.TEXT);
            Object expected = delta(version);
            restore(current, version, t);
            assertEquals(expected, delta(current), "round " + round);
        }
    }

    private static void randomText(Random random, YText text, int edits) {
        List<Map<String, Object>> styles = List.of(Map.of(), Map.of("bold", true), Map.of("italic", true),
            Map.of("bold", true, "color", "red"));
        for (int i = 0; i < edits; i++) {
            int length = text.length();
            switch (random.nextInt(4)) {
                case 0, 1 -> text.insert(random.nextInt(length + 1), "abcxyz".substring(random.nextInt(5)),
                    styles.get(random.nextInt(styles.size())));
                case 2 -> {
                    if (length > 0) {
                        int at = random.nextInt(length);
                        text.delete(at, 1 + random.nextInt(Math.min(4, length - at)));
                    }
                }
                default -> {
                    if (length > 0) {
                        int at = random.nextInt(length);
                        Map<String, Object> style = new java.util.HashMap<>(styles.get(random.nextInt(styles.size())));
                        if (style.isEmpty()) {
                            style.put("bold", null);
                        }
                        text.format(at, 1 + random.nextInt(Math.min(4, length - at)), style);
                    }
                }
            }
        }
    }

    @Test
    void rootsOfDifferentTypesAreRefused() {
        Doc version = new Doc();
        version.getText("r").insert(0, "text");
        Doc current = new Doc();
        current.getMap("r").set("k", "v");
        assertThrows(IllegalArgumentException.class, () -> RestoreEdits.roots(copy(current), copy(version), Map.of()));
    }
}
