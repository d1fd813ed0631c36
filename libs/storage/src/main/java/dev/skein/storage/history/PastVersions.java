package dev.skein.storage.history;

import dev.skein.storage.read.LoadedDocument;
import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.doc.Snapshot;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The questions a client asks of a document's past, answered from storage: its versions, a
 * version as a Yjs update, a version's content as JSON, the difference between two versions.
 * Each call reads the document's stored content (deleted content kept), then its history, afresh:
 * a version still listed after the content was read was kept by every compaction before, so the
 * content holds everything it shows (retention deletes a version before compacting without it).
 * Services that show history (persistence-service's admin API, doc-service) share this.
 * Thread-safe.
 */
public final class PastVersions {

    private final HistoryReader reader;

    /** Answers from what {@code reader} reads. */
    public PastVersions(HistoryReader reader) {
        this.reader = reader;
    }

    /** The document's versions, newest first (none for a document without history). */
    public List<VersionEntry> list(String docId) {
        return reader.history(docId).entries();
    }

    /** One version as listed, if it exists. */
    public Optional<VersionEntry> entry(String docId, long version) {
        return reader.history(docId).entry(version);
    }

    /**
     * The document as it was at a version, as one Yjs v1 update (what a yjs client loads to show
     * it); empty when there is no such version.
     */
    public Optional<byte[]> update(String docId, long version) {
        return document(docId, version).map(Doc::encodeStateAsUpdate);
    }

    /**
     * The roots of the document at a version as JSON-ready values (see {@link DocumentJson});
     * empty when there is no such version.
     */
    public Optional<Map<String, Object>> content(String docId, long version, List<RootSpec> roots) {
        return document(docId, version).map(doc -> DocumentJson.of(doc, roots));
    }

    /**
     * What changed from version {@code from} to the later {@code to}, and who changed it (see
     * {@link VersionDiff}); empty when either is not a version.
     *
     * @throws IllegalArgumentException if {@code from} is not older than {@code to}
     */
    public Optional<Map<String, Object>> diff(String docId, long from, long to, List<RootSpec> roots) {
        if (from >= to) {
            throw new IllegalArgumentException("a diff goes from an older version to a newer one");
        }
        Optional<LoadedDocument> content = reader.content(docId);
        DocumentHistory history = reader.history(docId);
        if (content.isEmpty() || history.entry(from).isEmpty() || history.entry(to).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(VersionDiff.between(history, PastStates.origin(content.get().state()), from, to, roots));
    }

    /** The document at a version, in a new document; empty when there is no such version. */
    public Optional<Doc> document(String docId, long version) {
        Optional<LoadedDocument> content = reader.content(docId);
        Optional<Snapshot> snapshot = reader.history(docId).snapshot(version);
        if (content.isEmpty() || snapshot.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(PastStates.at(PastStates.origin(content.get().state()), snapshot.get()));
    }
}
