package dev.skein.storage.history;

import dev.skein.ycrdt.doc.ClockMap;
import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.doc.DocOptions;
import dev.skein.ycrdt.doc.Snapshot;

/**
 * Documents as they were at a version: the stored content (with deleted content kept) in a
 * document without garbage collection, from which yjs's {@code createDocFromSnapshot} rebuilds the
 * state the version's snapshot describes.
 */
public final class PastStates {

    private PastStates() {
    }

    /** A document without garbage collection holding the stored content (a Yjs v1 update). */
    public static Doc origin(byte[] content) {
        Doc doc = new Doc(DocOptions.defaults().withGc(false));
        doc.applyUpdate(content);
        return doc;
    }

    /**
     * The document as it was at {@code snapshot}, in a new document (garbage collection on: it holds
     * only what was visible). The snapshot's state vector is bounded by what {@code origin} holds:
     * a client's structs that waited for missing ones were not part of the document then either.
     */
    public static Doc at(Doc origin, Snapshot snapshot) {
        return Snapshot.createDocFromSnapshot(origin, bounded(origin, snapshot));
    }

    /** The snapshot with each client's clock at most what {@code origin} holds of it. */
    public static Snapshot bounded(Doc origin, Snapshot snapshot) {
        ClockMap sv = snapshot.stateVector();
        ClockMap boundedSv = new ClockMap();
        for (int i = 0; i < sv.size(); i++) {
            long client = sv.clientAt(i);
            long held = origin.store().getState(client);
            boundedSv.put(client, Math.min(sv.clockAt(i), held));
        }
        return new Snapshot(snapshot.deleteSet(), boundedSv);
    }
}
