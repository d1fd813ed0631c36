package dev.skein.doc.state;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where the state of an assigned partition's documents comes from: the partition itself
 * ({@link LogReplayLoader}: read from the beginning) or object storage plus the part of the
 * partition not yet persisted ({@link StorageLoader}). {@link LoaderSelection} picks one.
 */
public interface DocumentStateLoader {

    /**
     * Offset from which an assigned partition of the update topic is read to rebuild its
     * documents; empty means from the beginning of the log.
     */
    OptionalLong replayFrom(String topic, int partition);

    /**
     * Persisted state (one Yjs v1 update) of a document, covering the records below
     * {@link #replayFrom} (it may hold more: overlap is harmless); asked when the document's state
     * is first needed after an assignment, and again if that failed.
     */
    Optional<byte[]> persistedState(String docId);

    /**
     * The offset below which every record of the partition can be read back through
     * {@link #persistedState}; a document whose updates all lie below it can be dropped from memory
     * and reloaded when needed. Empty when nothing can be reloaded (the log-replay loader).
     */
    default OptionalLong reloadableBelow(String topic, int partition) {
        return OptionalLong.empty();
    }
}
