package dev.skein.persistence;

import dev.skein.storage.history.DocumentHistory;
import dev.skein.storage.history.HistoryReader;
import dev.skein.storage.read.DocumentReader;
import dev.skein.storage.history.PastStates;
import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.lib0.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a stored version shows, read as doc-service reads it: the stored content with deleted
 * content kept, in a document without garbage collection, restored to the version's snapshot;
 * rendered with the roots of {@code history-scenario.mjs}.
 */
public final class VersionContent {

    private final HistoryReader history;
    private final DocumentReader reader;

    public VersionContent(DocumentReader reader) {
        this.reader = reader;
        this.history = new HistoryReader(reader, 1000);
    }

    /** The document's versions now. */
    public DocumentHistory history(String docId) {
        return history.history(docId);
    }

    /** The JSON of a version, as {@code history-scenario.mjs replay} prints it. */
    public String json(String docId, long version) {
        Doc then = at(docId, version);
        Map<String, Object> roots = new LinkedHashMap<>();
        roots.put("text", then.getText("text").toJSON());
        roots.put("map", then.getMap("map").toJSON());
        roots.put("array", then.getArray("array").toJSON());
        roots.put("xml", then.getXmlFragment("xml").toJSON());
        return Json.stringify(roots);
    }

    /** The text of root {@code t} at a version (the hand-made updates of the tests). */
    public String text(String docId, long version) {
        return at(docId, version).getText("t").toString();
    }

    private Doc at(String docId, long version) {
        Doc origin = PastStates.origin(history.content(docId).orElseThrow().state());
        return PastStates.at(origin, history(docId).snapshot(version).orElseThrow());
    }
}
