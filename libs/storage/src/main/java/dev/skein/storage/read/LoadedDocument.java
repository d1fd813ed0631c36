package dev.skein.storage.read;

import dev.skein.storage.layout.DocumentObjects;
import dev.skein.storage.layout.StoredName;
import java.util.List;

/**
 * A document read from storage.
 *
 * @param state the merged and compacted state, one Yjs v1 update
 * @param objects the listing it was read from
 * @param read the objects merged into {@code state}: a snapshot and the batches above it
 * @param damaged objects of the read plan that could not be decoded and are missing from
 *     {@code state}; empty when the document was read whole
 */
public record LoadedDocument(byte[] state, DocumentObjects objects, List<StoredName> read, List<DamagedObject> damaged) {

    /** Copies the lists. */
    public LoadedDocument {
        read = List.copyOf(read);
        damaged = List.copyOf(damaged);
    }

    /** A document read whole. */
    public LoadedDocument(byte[] state, DocumentObjects objects, List<StoredName> read) {
        this(state, objects, read, List.of());
    }

    /** Whether every object of the read plan was merged into {@link #state()}. */
    public boolean isWhole() {
        return damaged.isEmpty();
    }
}
