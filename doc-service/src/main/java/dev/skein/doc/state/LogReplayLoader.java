package dev.skein.doc.state;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The loader while there is no storage: every assigned partition is replayed from the beginning
 * of its log, and nothing is persisted elsewhere. Replaced by a storage-backed bean later.
 */
@ApplicationScoped
@DefaultBean
public class LogReplayLoader implements DocumentStateLoader {

    @Override
    public OptionalLong replayFrom(String topic, int partition) {
        return OptionalLong.empty();
    }

    @Override
    public Optional<byte[]> persistedState(String docId) {
        return Optional.empty();
    }
}
