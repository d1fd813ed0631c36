package dev.skein.doc.state;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The loader when no storage is configured: every assigned partition is replayed from the
 * beginning of its log, which is then the only copy of every document (so its retention must be
 * unlimited). Chosen by {@link LoaderSelection}.
 */
public final class LogReplayLoader implements DocumentStateLoader {

    @Override
    public OptionalLong replayFrom(String topic, int partition) {
        return OptionalLong.empty();
    }

    @Override
    public Optional<byte[]> persistedState(String docId) {
        return Optional.empty();
    }
}
