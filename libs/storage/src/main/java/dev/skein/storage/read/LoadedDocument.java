package dev.skein.storage.read;

import dev.skein.storage.layout.DocumentObjects;
import dev.skein.storage.layout.StoredName;
import java.util.List;

/**
 * A document read from storage.
 *
 * @param state the merged and compacted state, one Yjs v1 update
 * @param objects the listing it was read from
 * @param read the objects merged into {@code state}: the newest snapshot and the batches above it
 */
public record LoadedDocument(byte[] state, DocumentObjects objects, List<StoredName> read) {

    /** Copies the list. */
    public LoadedDocument {
        read = List.copyOf(read);
    }
}
