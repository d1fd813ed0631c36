package dev.skein.doc.state;

import dev.skein.storage.read.DocumentReader;
import dev.skein.storage.read.LoadedDocument;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The loader when storage is configured: a partition is replayed from persistence-service's
 * committed offset, and a document starts from its stored state (newest snapshot plus the batches
 * above it). Damaged objects are completed from the log where it still holds their records
 * ({@link DamageRecovery}).
 *
 * <p>Stored state and replayed tail may overlap: storage may already hold batches above the
 * committed offset (written, not yet committed) and the document may be read long after the
 * assignment. Overlap is harmless, Yjs updates being idempotent; a gap is impossible, because
 * everything below the committed offset is in storage and everything from it on is replayed.
 */
public final class StorageLoader implements DocumentStateLoader {

    private final DocumentReader reader;
    private final PersistedOffsets offsets;
    private final DamageRecovery recovery;

    StorageLoader(DocumentReader reader, PersistedOffsets offsets, DamageRecovery recovery) {
        this.reader = reader;
        this.offsets = offsets;
        this.recovery = recovery;
    }

    @Override
    public OptionalLong replayFrom(String topic, int partition) {
        return offsets.committed(topic, partition);
    }

    @Override
    public OptionalLong reloadableBelow(String topic, int partition) {
        return offsets.committed(topic, partition);
    }

    @Override
    public Optional<byte[]> persistedState(String docId) {
        return reader.load(docId).map(loaded -> recovery.complete(docId, loaded));
    }
}
