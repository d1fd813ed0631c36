package dev.skein.doc.history;

/**
 * Example requests and answers of the version endpoints, shown in doc-service's OpenAPI document.
 * They describe one document ({@code title} text, {@code tags} array) with two versions: 1502,
 * recorded when alice and bob paused, and 1834, taken by alice with a label.
 */
public final class VersionExamples {

    /** {@code POST /docs/{id}/versions}: the body. */
    public static final String TAKE_REQUEST = """
        {"label":"before review"}""";
    /** {@code POST /docs/{id}/versions}: the version as listed. */
    public static final String TAKEN = """
        {"version":1834,"time":1765022400000,"label":"before review","authors":["alice","svc-summarizer"],\
        "bytes":812,"trigger":"request","labelledBy":"alice"}""";
    /** {@code GET /docs/{id}/versions}: newest first. */
    public static final String LIST = """
        [{"version":1834,"time":1765022400000,"label":"before review","authors":["alice","svc-summarizer"],\
        "bytes":812,"trigger":"request","labelledBy":"alice"},\
        {"version":1502,"time":1765018800000,"label":"","authors":["alice","bob"],"bytes":2304,"trigger":"idle",\
        "labelledBy":""}]""";
    /** {@code GET /docs/{id}/versions/{v}/content?root=title:text&root=tags:array}. */
    public static final String CONTENT = """
        {"title":"Weekly notes","tags":["draft"]}""";
    /** {@code GET /docs/{id}/versions/1502/diff?to=1834}. */
    public static final String DIFF = """
        {"from":1502,"to":1834,"authors":["alice","svc-summarizer"],"roots":{"title":{"type":"text","delta":[\
        {"insert":"Weekly notes"},{"insert":" (draft)","attributes":{"ychange":{"type":"removed","user":2961,"by":"alice"}}},\
        {"insert":", summarised","attributes":{"ychange":{"type":"added","user":88121,"by":"svc-summarizer"}}}]},\
        "tags":{"type":"array","from":["draft"],"to":["draft","review"]}}}""";
    /** {@code POST /docs/{id}/versions/1502/restore}: the owner's answer to each edit request it took. */
    public static final String RESTORED = """
        {"version":1502,"ops":3,"edits":[{"docId":"notes-1","partition":3,"offset":1841,\
        "stateVector":{"2961":40,"88121":17,"7301":11},"positions":[null,null,null]}]}""";

    private VersionExamples() {
    }
}
