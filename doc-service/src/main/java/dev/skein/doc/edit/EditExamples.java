package dev.skein.doc.edit;

/**
 * One example request per operation type, shown in the OpenAPI document of
 * {@code POST /docs/{id}/edits}. They apply, in this order, to a document typed
 * {@code title:text, tags:array, meta:map, body:xml} (each example types its roots), which
 * {@code OpenApiTest} checks against a real broker so that the documentation cannot drift.
 */
public final class EditExamples {

    /** {@code text.insert} at the end, with formatting. */
    public static final String TEXT_INSERT = """
        {"ops":[{"op":"text.insert","root":"title","index":"end","text":"Weekly notes","attributes":{"bold":true}}],\
        "roots":{"title":"text"}}""";
    /** {@code text.delete}. */
    public static final String TEXT_DELETE = """
        {"ops":[{"op":"text.delete","root":"title","index":0,"length":7}]}""";
    /** {@code text.format} (null removes an attribute). */
    public static final String TEXT_FORMAT = """
        {"ops":[{"op":"text.format","root":"title","index":0,"length":5,"attributes":{"bold":null,"italic":true}}]}""";
    /** {@code text.insert} of an embed (an object, as Quill's images or mentions), without formatting. */
    public static final String TEXT_EMBED = """
        {"ops":[{"op":"text.insert","root":"title","index":"end","embed":{"image":"https://example.com/chart.png"},\
        "attributes":{}}]}""";
    /** {@code map.set} with a nested type as the value, and {@code map.delete}. */
    public static final String MAP = """
        {"ops":[{"op":"map.set","root":"meta","key":"owner","value":"ops-team"},\
        {"op":"map.set","root":"meta","key":"summary","value":{"$ytext":"draft"}},\
        {"op":"map.delete","root":"meta","key":"owner"}],"roots":{"meta":"map"}}""";
    /** {@code text.insert} into a nested text, through {@code path}. */
    public static final String NESTED = """
        {"ops":[{"op":"text.insert","root":"meta","path":["summary"],"index":0,"text":"first "}]}""";
    /** {@code array.insert} and {@code array.delete}. */
    public static final String ARRAY = """
        {"ops":[{"op":"array.insert","root":"tags","index":"end","values":["a",2,{"$ymap":{"k":true}}]},\
        {"op":"array.delete","root":"tags","index":0,"length":1}],"roots":{"tags":"array"}}""";
    /** {@code xml.insert}, {@code xml.setAttribute}, {@code xml.removeAttribute} and {@code xml.delete}. */
    public static final String XML = """
        {"ops":[{"op":"xml.insert","root":"body","index":0,"nodes":[{"element":"paragraph","attributes":{"align":"left"},\
        "children":[{"text":"Decisions"}]},{"element":"hr"}]},\
        {"op":"xml.setAttribute","root":"body","path":[0],"name":"align","value":"center"},\
        {"op":"xml.removeAttribute","root":"body","path":[0],"name":"align"},\
        {"op":"xml.delete","root":"body","index":1,"length":1}],"roots":{"body":"xml"}}""";
    /** {@code xml.insert} of a paragraph holding formatted text, as yjs's {@code toDelta()} gives it. */
    public static final String XML_DELTA = """
        {"ops":[{"op":"xml.insert","root":"body","index":"end","nodes":[{"element":"paragraph","children":[\
        {"delta":[{"insert":"Owner: "},{"insert":"ops","attributes":{"bold":true}}]}]}]}]}""";
    /** {@code schema.set} (as {@code PUT /docs/{id}/schema} does). */
    public static final String SCHEMA = """
        {"ops":[{"op":"schema.set","roots":{"title":"text","tags":"array","meta":"map","body":"xml"}}]}""";

    private EditExamples() {
    }
}
