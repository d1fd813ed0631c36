package dev.skein.storage.format;

/** What an object holds; its code is the header's kind byte. */
public enum ObjectKind {
    /** The merged updates of one flush. */
    BATCH(1),
    /** The compacted full state of a document. */
    SNAPSHOT(2),
    /** A version of a document: its state vector and who changed what since the previous version. */
    VERSION(3),
    /** Who changed what in one batch (documents with history on), until a version covers it. */
    CHANGES(4);

    private final int code;

    ObjectKind(int code) {
        this.code = code;
    }

    /** The header byte. */
    public int code() {
        return code;
    }

    static ObjectKind fromCode(int code) {
        for (ObjectKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        throw new CorruptObjectException("unknown object kind " + code);
    }
}
