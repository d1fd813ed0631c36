package dev.skein.doc.access;

/** What a call needs on a document. */
public enum Need {
    /** Reading its content. */
    READ,
    /** Changing it. */
    WRITE
}
