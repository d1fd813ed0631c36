package dev.skein.ycrdt.doc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.ycrdt.lib0.Any;
import dev.skein.ycrdt.lib0.Json;
import dev.skein.ycrdt.types.AbstractType;
import dev.skein.ycrdt.types.Delta;
import dev.skein.ycrdt.types.EntryChange;
import dev.skein.ycrdt.types.YArray;
import dev.skein.ycrdt.types.YArrayEvent;
import dev.skein.ycrdt.types.YEvent;
import dev.skein.ycrdt.types.YMap;
import dev.skein.ycrdt.types.YText;
import dev.skein.ycrdt.types.YTextEvent;
import dev.skein.ycrdt.types.YXmlElement;
import dev.skein.ycrdt.types.YXmlFragment;
import dev.skein.ycrdt.types.YXmlText;
import dev.skein.ycrdt.update.Updates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The document API as doc-service uses it; byte-level agreement with yjs is DocDifferentialTest's job. */
class DocApiTest {

    private static Doc doc(long client) {
        return new Doc(DocOptions.defaults().withClientId(client));
    }

    @Test
    void clientIdsAreUnsigned32Bit() {
        assertThrows(IllegalArgumentException.class, () -> DocOptions.defaults().withClientId(-1));
        assertThrows(IllegalArgumentException.class, () -> DocOptions.defaults().withClientId(1L << 32));
        assertEquals(0xFFFFFFFFL, doc(0xFFFFFFFFL).clientId());
        long random = new Doc().clientId();
        assertTrue(random >= 0 && random <= 0xFFFFFFFFL);
    }

    @Test
    void captureUpdateReturnsTheTransactionsUpdate() {
        Doc a = doc(1);
        YText t = a.getText("t");
        byte[] u = a.captureUpdate(tx -> t.insert(0, "hi"));
        assertNotNull(u);
        assertNull(a.captureUpdate(tx -> t.insert(0, "")), "nothing changed, nothing emitted");
        Doc b = doc(2);
        b.applyUpdate(u);
        assertEquals("hi", b.getText("t").toString());
        assertArrayEquals(a.encodeStateAsUpdate(), b.encodeStateAsUpdate());
    }

    @Test
    void unknownRootStaysUntypedUntilAskedForWithAType() {
        Doc a = doc(1);
        a.getText("t").insert(0, "text");
        a.getMap("m").set("k", 1);
        a.getArray("a").push(List.of(1, 2));
        a.getXmlFragment("x").insert(0, List.of(new YXmlElement("p")));
        Doc b = doc(2);
        b.applyUpdate(a.encodeStateAsUpdate());
        assertEquals(List.of("t", "m", "a", "x"), new ArrayList<>(b.share().keySet()));
        assertTrue(b.get("t").isUntyped());
        assertEquals(RootKind.TEXT, b.inferRootKind("t"));
        assertEquals(RootKind.MAP, b.inferRootKind("m"));
        assertEquals(RootKind.ARRAY, b.inferRootKind("a"));
        assertEquals(RootKind.XML_FRAGMENT, b.inferRootKind("x"));
        assertNull(b.inferRootKind("nope"));
        assertSame(Any.UNDEFINED, b.get("t").toJSON(), "an untyped root has no JSON, as in yjs");
        YText t = b.getText("t");
        assertEquals("text", t.toString());
        assertSame(t, b.getText("t"));
        assertThrows(IllegalArgumentException.class, () -> b.getMap("t"));
        t.insert(4, "!");
        assertEquals("text!", t.toString());
        assertEquals("{\"k\":1}", b.getMap("m").toJSONString());
    }

    @Test
    void updatesWaitForTheirDependencies() {
        Doc a = doc(1);
        YText t = a.getText("t");
        List<byte[]> updates = new ArrayList<>();
        a.onUpdate((u, o, tx) -> updates.add(u));
        t.insert(0, "ab");
        t.insert(2, "cd");
        t.delete(0, 1);
        Doc b = doc(2);
        b.applyUpdate(updates.get(2));
        b.applyUpdate(updates.get(1));
        assertTrue(b.store().hasPending());
        assertEquals("", b.getText("t").toString());
        assertArrayEquals(Updates.mergeUpdates(List.of(updates.get(2), updates.get(1))), b.encodeStateAsUpdate(),
                "pending structs and deletions are part of the encoded state");
        b.applyUpdate(updates.get(0));
        assertFalse(b.store().hasPending());
        assertEquals("bcd", b.getText("t").toString());
        assertArrayEquals(a.encodeStateAsUpdate(), b.encodeStateAsUpdate());
    }

    @Test
    void mapEventsTellActionAndOldValue() {
        Doc a = doc(1);
        YMap m = a.getMap("m");
        m.set("x", 1);
        m.set("y", "old");
        List<Map<String, EntryChange>> seen = new ArrayList<>();
        m.observe(e -> seen.add(e.keys()));
        a.transact(tx -> {
            m.set("y", "new");
            m.delete("x");
            m.set("z", true);
        });
        Map<String, EntryChange> keys = seen.get(0);
        assertEquals(EntryChange.Action.UPDATE, keys.get("y").action());
        assertEquals("old", keys.get("y").oldValue());
        assertEquals(EntryChange.Action.DELETE, keys.get("x").action());
        assertEquals(1.0, keys.get("x").oldValue());
        assertEquals(EntryChange.Action.ADD, keys.get("z").action());
        assertSame(Any.UNDEFINED, keys.get("z").oldValue());
    }

    @Test
    void textAndArrayEventsCarryDeltas() {
        Doc a = doc(1);
        YText t = a.getText("t");
        t.insert(0, "hello world");
        List<List<Delta>> textDeltas = new ArrayList<>();
        t.observe((YTextEvent e) -> textDeltas.add(e.delta()));
        a.transact(tx -> {
            t.format(0, 5, Map.of("bold", true));
            t.insert(11, "!");
            t.delete(5, 1);
        });
        assertEquals("[{\"retain\":5,\"attributes\":{\"bold\":true}},{\"delete\":1},{\"retain\":5},{\"insert\":\"!\"}]",
                Json.stringify(textDeltas.get(0).stream().map(Delta::toJSON).toList()));
        YArray arr = a.getArray("a");
        arr.push(List.of(1, 2, 3));
        List<List<Delta>> arrayDeltas = new ArrayList<>();
        arr.observe((YArrayEvent e) -> arrayDeltas.add(e.delta()));
        arr.insert(1, List.of("x"));
        assertEquals("[{\"retain\":1},{\"insert\":[\"x\"]}]",
                Json.stringify(arrayDeltas.get(0).stream().map(Delta::toJSON).toList()));
    }

    @Test
    void deepObserversSeeNestedChangesWithPaths() {
        Doc a = doc(1);
        YMap root = a.getMap("root");
        YArray list = new YArray();
        root.set("list", list);
        YMap item = new YMap(Map.of("done", false));
        list.push(List.of(item));
        List<List<Object>> paths = new ArrayList<>();
        root.observeDeep(events -> events.forEach(e -> paths.add(e.path())));
        ((YMap) ((YArray) root.get("list")).get(0)).set("done", true);
        assertEquals(List.of(List.of("list", 0)), paths);
        List<YEvent> kept = new ArrayList<>();
        root.observeDeep(kept::addAll);
        root.set("z", 1);
        assertThrows(IllegalStateException.class, () -> kept.get(0).keys(), "changes exist only while observers run");
    }

    @Test
    void relativePositionsFollowConcurrentEdits() {
        Doc a = doc(1);
        YText t = a.getText("t");
        t.insert(0, "abcdef");
        RelativePosition rp = RelativePosition.fromTypeIndex(t, 3);
        byte[] encoded = rp.encode();
        assertArrayEquals(encoded, RelativePosition.decode(encoded).encode());
        assertEquals(rp.item(), RelativePosition.fromJSON(rp.toJSON()).item());
        Doc b = doc(2);
        b.applyUpdate(a.encodeStateAsUpdate());
        b.getText("t").insert(0, "XYZ");
        b.getText("t").delete(4, 1);
        AbsolutePosition abs = RelativePosition.decode(encoded).toAbsolute(b);
        assertEquals(5, abs.index());
        assertSame(b.getText("t"), abs.type());
        RelativePosition end = RelativePosition.fromTypeIndex(t, t.length(), -1);
        t.insert(t.length(), "gh");
        assertEquals(6, end.toAbsolute(a).index(), "associated to the left: stays before text appended after it");
        RelativePosition atEnd = RelativePosition.fromTypeIndex(t, t.length());
        assertEquals("t", atEnd.tname());
        assertNull(atEnd.item());
        t.insert(t.length(), "!");
        assertEquals(t.length(), atEnd.toAbsolute(a).index());
    }

    @Test
    void snapshotsRestoreTheDocumentAsItWas() {
        Doc a = new Doc(DocOptions.defaults().withClientId(1).withGc(false));
        YText t = a.getText("t");
        t.insert(0, "first");
        Snapshot s1 = Snapshot.of(a);
        t.delete(0, 5);
        t.insert(0, "second");
        Doc restored = Snapshot.createDocFromSnapshot(a, Snapshot.decode(s1.encode()));
        assertEquals("first", restored.getText("t").toString());
        assertEquals(s1, Snapshot.decodeV2(s1.encodeV2()));
        assertEquals("[{\"insert\":\"first\"}]", Json.stringify(t.toDelta(s1, null, null).stream().map(Delta::toJSON).toList()));
        Doc collected = doc(2);
        assertThrows(IllegalStateException.class, () -> Snapshot.createDocFromSnapshot(collected, Snapshot.of(collected)));
    }

    @Test
    void garbageCollectionDropsDeletedContent() {
        Doc on = doc(1);
        Doc off = new Doc(DocOptions.defaults().withClientId(1).withGc(false));
        for (Doc d : List.of(on, off)) {
            YArray arr = d.getArray("a");
            arr.push(List.of(new YMap(Map.of("k", "v")), "x"));
            arr.delete(0, 1);
        }
        assertTrue(on.encodeStateAsUpdate().length < off.encodeStateAsUpdate().length);
        Doc restored = new Doc();
        restored.applyUpdate(on.encodeStateAsUpdate());
        assertEquals("[\"x\"]", restored.getArray("a").toJSONString());
    }

    @Test
    void preliminaryContentIsInsertedWithTheType() {
        Doc a = doc(1);
        YXmlElement p = new YXmlElement("P");
        p.setAttribute("class", "intro");
        p.insert(0, List.of(new YXmlText("hi")));
        YXmlFragment x = a.getXmlFragment("x");
        x.insert(0, List.of(p));
        assertEquals("<p class=\"intro\">hi</p>", x.toString());
        YMap m = a.getMap("m");
        m.set("list", YArray.from(List.of(1, "two", Map.of("three", 3))));
        assertEquals("{\"list\":[1,\"two\",{\"three\":3}]}", m.toJSONString());
        Doc b = doc(2);
        b.applyUpdate(a.encodeStateAsUpdate());
        assertEquals(m.toJSONString(), b.getMap("m").toJSONString());
        assertEquals(x.toString(), b.getXmlFragment("x").toString());
    }

    @Test
    void subdocumentsKeepGuidAndOptions() {
        Doc a = doc(1);
        Doc sub = new Doc(DocOptions.defaults().withGuid("sub-1").withAutoLoad(true).withMeta(Map.of("k", "v")));
        List<SubdocsEvent> events = new ArrayList<>();
        a.onSubdocs(events::add);
        a.getMap("docs").set("one", sub);
        assertEquals(1, events.size());
        assertTrue(events.get(0).added().contains(sub));
        assertTrue(events.get(0).loaded().contains(sub), "autoLoad subdocuments load at once");
        Doc b = doc(2);
        b.applyUpdate(a.encodeStateAsUpdate());
        Doc remote = (Doc) b.getMap("docs").get("one");
        assertEquals("sub-1", remote.guid());
        assertTrue(remote.autoLoad());
        assertEquals(Map.of("k", "v"), remote.meta());
        assertEquals(java.util.Set.of("sub-1"), b.subdocGuids());
        assertEquals(b.clientId(), remote.clientId(), "a subdocument takes its parent's client id");
    }

    @Test
    void invalidEditsAreRejected() {
        Doc a = doc(1);
        YArray arr = a.getArray("a");
        assertThrows(IndexOutOfBoundsException.class, () -> arr.insert(1, List.of(1)));
        assertThrows(IndexOutOfBoundsException.class, () -> arr.delete(0, 1));
        assertThrows(IllegalArgumentException.class, () -> arr.push(List.of(new Object())));
        assertThrows(IllegalArgumentException.class, () -> arr.push(List.of(java.math.BigInteger.ONE)),
                "yjs rejects bigints in arrays (maps take them)");
        YMap m = a.getMap("m");
        m.set("big", java.math.BigInteger.TWO);
        assertEquals(java.math.BigInteger.TWO, m.get("big"));
        assertEquals(0, arr.length());
    }

    @Test
    void toJsonOfEveryType() {
        Doc a = doc(1);
        a.getText("t").insert(0, "plain");
        YArray arr = a.getArray("a");
        arr.push(List.of(1, 2.5, "s", true, new byte[] {1, 2}));
        Map<String, Object> obj = new LinkedHashMap<>();
        obj.put("b", 1);
        obj.put("10", 2);
        obj.put("a", 3);
        a.getMap("m").set("o", obj);
        assertEquals("\"plain\"", a.getText("t").toJSONString());
        assertEquals("[1,2.5,\"s\",true,{\"0\":1,\"1\":2}]", arr.toJSONString());
        assertEquals("{\"o\":{\"10\":2,\"b\":1,\"a\":3}}", a.getMap("m").toJSONString(), "integer-like keys first, as in JavaScript");
        AbstractType<?> untyped = new Doc().get("nothing");
        assertEquals("undefined", untyped.toJSONString());
    }
}
