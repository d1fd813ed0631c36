package dev.skein.doc.content;

import dev.skein.ycrdt.doc.Doc;

/** Documents loaded from a state (one Yjs v1 update), for reading. */
public final class StateDocs {

    private StateDocs() {
    }

    /** A fresh document holding {@code state}. */
    public static Doc load(byte[] state) {
        Doc doc = new Doc();
        doc.applyUpdate(state);
        return doc;
    }
}
