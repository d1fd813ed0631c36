package dev.skein.ycrdt.doc;

import java.util.Set;

/**
 * Subdocuments a transaction added, removed or asked to load.
 *
 * @param loaded      subdocuments to load now
 * @param added       subdocuments that became part of the document
 * @param removed     subdocuments that were deleted
 * @param transaction the transaction
 */
public record SubdocsEvent(Set<Doc> loaded, Set<Doc> added, Set<Doc> removed, Transaction transaction) {
}
