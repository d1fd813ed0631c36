package dev.skein.doc.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.doc.content.RootType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The edit request format: every operation as documented, and every malformed request refused with the operation named. */
class EditOpsTest {

    @Test
    void everyOperationParses() {
        EditRequestBody body = EditOps.parse("""
            {"ops":[
             {"op":"text.insert","root":"t","index":"end","text":"x","attributes":{"bold":true}},
             {"op":"text.insert","root":"t","index":3,"text":"y"},
             {"op":"text.insert","root":"t","position":"AQID","text":"z"},
             {"op":"text.delete","root":"t","index":0,"length":2},
             {"op":"text.format","root":"t","index":0,"length":2,"attributes":{"bold":null}},
             {"op":"map.set","root":"m","key":"k","value":{"$ytext":"nested"}},
             {"op":"map.delete","root":"m","key":"k"},
             {"op":"array.insert","root":"a","index":"end","values":[1,"two",{"$ymap":{"x":{"$yarray":[1]}}}]},
             {"op":"array.delete","root":"a","path":[],"index":0,"length":1},
             {"op":"xml.insert","root":"x","index":0,"nodes":[{"element":"p","attributes":{"class":"c"},"children":[{"text":"hi"}]}]},
             {"op":"xml.delete","root":"x","index":0,"length":1},
             {"op":"xml.setAttribute","root":"x","path":[0],"name":"id","value":"1"},
             {"op":"xml.removeAttribute","root":"x","path":[0],"name":"id"},
             {"op":"text.insert","root":"m","path":["k"],"stream":"s1","text":"more"},
             {"op":"schema.set","roots":{"t":"text","m":"map"}}],
             "roots":{"t":"text"}}""");
        assertEquals(15, body.ops().size());
        assertEquals(Map.of("t", RootType.TEXT), body.roots());
        EditOp.TextInsert first = assertInstanceOf(EditOp.TextInsert.class, body.ops().get(0));
        assertInstanceOf(EditOp.End.class, first.at());
        assertEquals(Map.of("bold", true), first.attributes());
        assertEquals(new EditOp.Index(3), ((EditOp.TextInsert) body.ops().get(1)).at());
        assertInstanceOf(EditOp.Relative.class, ((EditOp.TextInsert) body.ops().get(2)).at());
        EditOp.TextInsert streamed = (EditOp.TextInsert) body.ops().get(13);
        assertEquals(List.of("k"), streamed.path());
        assertEquals("s1", streamed.stream());
        assertEquals(null, streamed.at());
        assertEquals(Map.of("t", RootType.TEXT, "m", RootType.MAP), ((EditOp.SchemaSet) body.ops().get(14)).roots());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        not JSON                      | {ops:                                                                  | -1 | not JSON
        not an object                 | []                                                                     | -1 | must be an object
        no ops                        | {}                                                                     | -1 | non-empty array
        empty ops                     | {"ops":[]}                                                             | -1 | non-empty array
        unknown top-level field       | {"ops":[{"op":"map.delete","root":"m","key":"k"}],"x":1}               | -1 | unknown field
        bad roots                     | {"ops":[{"op":"map.delete","root":"m","key":"k"}],"roots":{"m":"set"}} | -1 | type must be
        operation not an object       | {"ops":[1]}                                                            | 0  | must be an object
        unknown operation             | {"ops":[{"op":"text.upsert","root":"t"}]}                              | 0  | unknown operation
        missing op                    | {"ops":[{"root":"t"}]}                                                 | 0  | "op"
        missing root                  | {"ops":[{"op":"text.insert","index":0,"text":"x"}]}                    | 0  | "root"
        missing text                  | {"ops":[{"op":"text.insert","root":"t","index":0}]}                   | 0  | "text"
        negative index                | {"ops":[{"op":"text.insert","root":"t","index":-1,"text":"x"}]}        | 0  | non-negative integer
        fractional index              | {"ops":[{"op":"text.insert","root":"t","index":1.5,"text":"x"}]}       | 0  | non-negative integer
        index as text                 | {"ops":[{"op":"text.delete","root":"t","index":"end","length":1}]}     | 0  | non-negative integer
        missing index                 | {"ops":[{"op":"array.insert","root":"a","values":[]}]}                 | 0  | "index" is required
        index and position            | {"ops":[{"op":"array.insert","root":"a","index":0,"position":"AQ","values":[]}]} | 0 | not both
        bad position                  | {"ops":[{"op":"text.insert","root":"t","position":"%%%","text":"x"}]}  | 0  | base64
        unknown field                 | {"ops":[{"op":"text.delete","root":"t","index":0,"length":1,"x":0}]}   | 0  | unknown field
        attributes not an object      | {"ops":[{"op":"text.format","root":"t","index":0,"length":1,"attributes":1}]} | 0 | attributes
        format without attributes     | {"ops":[{"op":"text.format","root":"t","index":0,"length":1}]}         | 0  | attributes
        map.set without value         | {"ops":[{"op":"map.set","root":"m","key":"k"}]}                        | 0  | needs "value"
        bad nested text               | {"ops":[{"op":"map.set","root":"m","key":"k","value":{"$ytext":1}}]}   | 0  | $ytext
        bad nested map                | {"ops":[{"op":"array.insert","root":"a","index":0,"values":[{"$ymap":[]}]}]} | 0 | $ymap
        bad nested array              | {"ops":[{"op":"array.insert","root":"a","index":0,"values":[{"$yarray":{}}]}]} | 0 | $yarray
        values not an array           | {"ops":[{"op":"array.insert","root":"a","index":0,"values":1}]}        | 0  | "values"
        bad path                      | {"ops":[{"op":"map.delete","root":"m","path":[true],"key":"k"}]}       | 0  | non-negative integer
        path not an array             | {"ops":[{"op":"map.delete","root":"m","path":"k","key":"k"}]}          | 0  | "path"
        xml node without element      | {"ops":[{"op":"xml.insert","root":"x","index":0,"nodes":[{"tag":"p"}]}]} | 0 | needs "element"
        xml text with more            | {"ops":[{"op":"xml.insert","root":"x","index":0,"nodes":[{"text":"a","b":1}]}]} | 0 | text node
        xml attributes not strings    | {"ops":[{"op":"xml.insert","root":"x","index":0,"nodes":[{"element":"p","attributes":{"a":1}}]}]} | 0 | strings
        schema without roots          | {"ops":[{"op":"schema.set","roots":{}}]}                               | 0  | needs "roots"
        schema with a root field      | {"ops":[{"op":"schema.set","root":"t","roots":{"t":"text"}}]}          | 0  | only
        second operation malformed    | {"ops":[{"op":"map.delete","root":"m","key":"k"},{"op":"map.delete","root":"m"}]} | 1 | "key"
        """)
    void malformedRequestsAreRefusedNamingTheOperation(String what, String json, int op, String reason) {
        EditRejectedException e = assertThrows(EditRejectedException.class, () -> EditOps.parse(json));
        assertEquals(op, e.op(), what);
        assertTrue(e.getMessage().contains(reason), what + ": " + e.getMessage());
    }

    @Test
    void tooManyOperations() {
        String op = "{\"op\":\"map.delete\",\"root\":\"m\",\"key\":\"k\"},";
        String json = "{\"ops\":[" + op.repeat(EditOps.MAX_OPS) + op.substring(0, op.length() - 1) + "]}";
        assertEquals(-1, assertThrows(EditRejectedException.class, () -> EditOps.parse(json)).op());
    }
}
