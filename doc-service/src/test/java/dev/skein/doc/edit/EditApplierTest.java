package dev.skein.doc.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.doc.content.DocumentSchema;
import dev.skein.doc.content.RootType;
import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.lib0.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Operations applied to a ycrdt document: what each does, and what each refuses. */
class EditApplierTest {

    private final StreamAnchors streams = new StreamAnchors(8);

    private List<String> apply(Doc doc, String json) {
        return doc.transactAndGet(t -> new EditApplier(doc, streams, (n, r) -> { }).apply(EditOps.parse(json)), null);
    }

    /** A document with text t = "hello", map m = {a: 1}, array a = [1, 2, 3], xml x = <p>hi</p>. */
    private Doc sample() {
        Doc source = new Doc();
        source.getText("t").insert(0, "hello");
        source.getMap("m").set("a", 1.0);
        source.getArray("a").insert(0, List.of(1.0, 2.0, 3.0));
        apply(source, "{\"ops\":[{\"op\":\"xml.insert\",\"root\":\"x\",\"index\":0,\"nodes\":[{\"element\":\"p\",\"children\":[{\"text\":\"hi\"}]}]}],"
            + "\"roots\":{\"x\":\"xml\"}}");
        // as the owner gets it: from updates, roots untyped until the content tells
        Doc doc = new Doc();
        doc.applyUpdate(source.encodeStateAsUpdate());
        return doc;
    }

    @Test
    void everyOperationChangesTheDocumentAsYjsWould() {
        Doc doc = sample();
        List<String> positions = apply(doc, """
            {"ops":[
             {"op":"text.insert","root":"t","index":"end","text":" world","attributes":{"bold":true}},
             {"op":"text.delete","root":"t","index":0,"length":1},
             {"op":"text.insert","root":"t","index":0,"text":"H"},
             {"op":"text.format","root":"t","index":0,"length":5,"attributes":{"italic":true}},
             {"op":"map.set","root":"m","key":"b","value":{"x":[1,"y"]}},
             {"op":"map.set","root":"m","key":"n","value":{"$ytext":"nested"}},
             {"op":"text.insert","root":"m","path":["n"],"index":"end","text":"!"},
             {"op":"map.delete","root":"m","key":"a"},
             {"op":"array.insert","root":"a","index":1,"values":["x",{"$ymap":{"k":{"$yarray":[true]}}}]},
             {"op":"array.delete","root":"a","index":0,"length":1},
             {"op":"map.set","root":"a","path":[1],"key":"k2","value":null},
             {"op":"xml.setAttribute","root":"x","path":[0],"name":"class","value":"c"},
             {"op":"xml.insert","root":"x","index":"end","nodes":[{"element":"h1","children":[{"text":"T"}]}]},
             {"op":"text.insert","root":"x","path":[0,0],"index":2,"text":"!"},
             {"op":"xml.removeAttribute","root":"x","path":[0],"name":"class"},
             {"op":"xml.setAttribute","root":"x","path":[1],"name":"id","value":"top"},
             {"op":"xml.delete","root":"x","index":0,"length":1}]}""");
        assertEquals("Hello world", doc.getText("t").toString());
        assertEquals("[{\"insert\":\"Hello\",\"attributes\":{\"italic\":true}},{\"insert\":\" world\",\"attributes\":{\"bold\":true}}]",
            Json.stringify(doc.getText("t").toDelta().stream().map(d -> d.toJSON()).toList()));
        assertEquals("{\"b\":{\"x\":[1,\"y\"]},\"n\":\"nested!\"}", Json.stringify(doc.getMap("m").toJSON()));
        assertEquals("[\"x\",{\"k\":[true],\"k2\":null},2,3]", Json.stringify(doc.getArray("a").toJSON()));
        assertEquals("<h1 id=\"top\">T</h1>", doc.getXmlFragment("x").toJSON());
        assertNotNull(positions.get(0));
        assertEquals(null, positions.get(1));
    }

    @Test
    void positionsAndStreamsStayAnchoredWhileOthersType() {
        Doc doc = sample();
        String after = apply(doc, "{\"ops\":[{\"op\":\"text.insert\",\"root\":\"t\",\"index\":2,\"stream\":\"s\",\"text\":\"AB\"}]}").get(0);
        doc.getText("t").insert(0, "__"); // someone types before the stream
        apply(doc, "{\"ops\":[{\"op\":\"text.insert\",\"root\":\"t\",\"stream\":\"s\",\"text\":\"CD\"}]}");
        assertEquals("__heABCDllo", doc.getText("t").toString());
        apply(doc, "{\"ops\":[{\"op\":\"text.insert\",\"root\":\"t\",\"position\":\"" + after + "\",\"text\":\"|\"}]}");
        assertEquals("__heAB|CDllo", doc.getText("t").toString());
    }

    @Test
    void rootsComeFromTheSchemaOrTheRequest() {
        Doc doc = new Doc();
        apply(doc, "{\"ops\":[{\"op\":\"schema.set\",\"roots\":{\"title\":\"text\",\"meta\":\"map\"}}]}");
        assertEquals(Map.of("title", RootType.TEXT, "meta", RootType.MAP), DocumentSchema.of(doc));
        apply(doc, "{\"ops\":[{\"op\":\"text.insert\",\"root\":\"title\",\"index\":0,\"text\":\"T\"},"
            + "{\"op\":\"array.insert\",\"root\":\"list\",\"index\":0,\"values\":[1]}],\"roots\":{\"list\":\"array\"}}");
        assertEquals("T", doc.getText("title").toString());
        assertEquals(List.of(1.0), doc.getArray("list").toJSON());
        // the same schema again is fine; another one is not
        apply(doc, "{\"ops\":[{\"op\":\"schema.set\",\"roots\":{\"meta\":\"map\",\"title\":\"text\"}}]}");
        EditRejectedException e = assertThrows(EditRejectedException.class,
            () -> apply(doc, "{\"ops\":[{\"op\":\"schema.set\",\"roots\":{\"title\":\"xml\"}}]}"));
        assertTrue(e.getMessage().contains("set already"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        index past the end           | {"op":"text.insert","root":"t","index":6,"text":"x"}               | out of range
        delete past the end          | {"op":"text.delete","root":"t","index":3,"length":3}               | out of range
        format past the end          | {"op":"text.format","root":"t","index":5,"length":1,"attributes":{"b":true}} | out of range
        array insert past the end    | {"op":"array.insert","root":"a","index":4,"values":[1]}            | out of range
        array delete past the end    | {"op":"array.delete","root":"a","index":0,"length":4}              | out of range
        xml delete past the end      | {"op":"xml.delete","root":"x","index":1,"length":1}                | out of range
        unknown root                 | {"op":"text.insert","root":"nope","index":0,"text":"x"}            | unknown root
        text op on a map             | {"op":"text.insert","root":"m","index":0,"text":"x"}               | needs a text
        map op on a text             | {"op":"map.set","root":"t","key":"k","value":1}                    | needs a map
        array op on xml              | {"op":"array.insert","root":"x","index":0,"values":[1]}            | needs a array
        path into a value            | {"op":"map.set","root":"m","path":["a"],"key":"k","value":1}       | nested type
        path key into a list         | {"op":"map.set","root":"a","path":["k"],"key":"k","value":1}       | does not fit
        path index past the end      | {"op":"map.set","root":"a","path":[9],"key":"k","value":1}         | nested type
        attribute of a fragment      | {"op":"xml.setAttribute","root":"x","name":"a","value":"b"}        | XML elements
        attribute of a text node     | {"op":"xml.setAttribute","root":"x","path":[0,0],"name":"a","value":"b"} | needs a xml
        the schema root              | {"op":"map.set","root":"skein:schema","key":"t","value":"map"}     | reserved
        position of another type     | {"op":"array.insert","root":"a","position":"AAEBdAE=","values":[1]} | does not point
        unknown stream               | {"op":"text.insert","root":"t","stream":"never","text":"x"}        | unknown stream
        schema against the content   | {"op":"schema.set","roots":{"t":"map"}}                            | not a map
        """)
    void refusalsNameTheOperation(String what, String op, String reason) {
        Doc doc = sample();
        String json = "{\"ops\":[{\"op\":\"map.set\",\"root\":\"m\",\"key\":\"ok\",\"value\":1}," + op + "]}";
        EditRejectedException e = assertThrows(EditRejectedException.class, () -> apply(doc, json), what);
        assertEquals(1, e.op(), what);
        assertTrue(e.getMessage().contains(reason), what + ": " + e.getMessage());
    }
}
