package dev.skein.doc.state;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where the state of an assigned partition's documents comes from. Today the only source is the
 * partition itself ({@link LogReplayLoader}: read from the beginning); the storage issue adds a
 * loader backed by object storage, which returns the persisted state of a document and the offset
 * from which the partition must still be replayed.
 */
public interface DocumentStateLoader {

    /**
     * Offset from which an assigned partition of the update topic is read to rebuild its
     * documents; empty means from the beginning of the log.
     */
    OptionalLong replayFrom(String topic, int partition);

    /**
     * Persisted state (one Yjs v1 update) of a document, covering the records below
     * {@link #replayFrom}; asked once when the document is first touched after an assignment.
     */
    Optional<byte[]> persistedState(String docId);
}
