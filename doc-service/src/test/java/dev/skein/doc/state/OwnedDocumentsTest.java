package dev.skein.doc.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.doc.TestUpdates;
import dev.skein.doc.config.DocConfig;
import dev.skein.ycrdt.update.Compaction;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Idle documents leave memory only when storage holds every one of their updates. */
class OwnedDocumentsTest {

    private static final String TOPIC = "skein.doc.updates";

    /** Storage stand-in: documents' persisted states and the persisted offset per partition. */
    private static final class FakeStorage implements DocumentStateLoader {
        final Map<String, byte[]> stored = new HashMap<>();
        final Map<Integer, Long> persistedBelow = new HashMap<>();
        int loads;

        @Override
        public OptionalLong replayFrom(String topic, int partition) {
            return OptionalLong.empty();
        }

        @Override
        public Optional<byte[]> persistedState(String docId) {
            loads++;
            return Optional.ofNullable(stored.get(docId));
        }

        @Override
        public OptionalLong reloadableBelow(String topic, int partition) {
            Long below = persistedBelow.get(partition);
            return below == null ? OptionalLong.empty() : OptionalLong.of(below);
        }
    }

    private static DocConfig idleImmediately() {
        return new DocConfig() {
            public Optional<String> instanceId() { return Optional.empty(); }
            public String groupId() { return "g"; }
            public Duration sessionTimeout() { return Duration.ofSeconds(10); }
            public int tailMaxUpdates() { return 256; }
            public long tailMaxBytes() { return 1 << 20; }
            public int maxActiveDocuments() { return 1000; }
            public Duration idleAfter() { return Duration.ZERO; }
            public Duration syncRequestMaxAge() { return Duration.ofSeconds(30); }
            public Duration fetchMaxWait() { return Duration.ofMillis(100); }
            public int replyPartBytes() { return 1 << 19; }
            public Duration readTimeout() { return Duration.ofSeconds(10); }
            public long replyBufferBytes() { return 1 << 27; }
            public int liveDocuments() { return 256; }
            public boolean changesEnabled() { return true; }
            public Duration changesDebounce() { return Duration.ZERO; }
            public Duration changesLinger() { return Duration.ofMillis(20); }
            public Duration editMaxAge() { return Duration.ofSeconds(10); }
            public Duration editRetry() { return Duration.ofSeconds(2); }
            public int maxEditBytes() { return 1 << 20; }
            public int streamMaxInFlight() { return 256; }
            public int streamChunkBytes() { return 16384; }
            public int streamsPerDocument() { return 64; }
            public History history() { return null; }
        };
    }

    @Test
    void idleDocumentIsDroppedOnlyOnceStorageHoldsItsLastUpdateAndReloadsEqual() {
        FakeStorage storage = new FakeStorage();
        OwnedDocuments docs = new OwnedDocuments(storage, idleImmediately());
        docs.assigned(3);
        byte[] a = TestUpdates.text(7, 0, "ab");
        byte[] b = TestUpdates.text(7, 2, "cd");
        docs.apply(3, "doc", a, 10);
        docs.apply(3, "doc", b, 11);
        byte[] before = docs.stateOf(3, "doc");

        storage.persistedBelow.put(3, 11L); // offset 11 not persisted yet
        assertEquals(0, docs.compactIdle(TOPIC));
        assertTrue(docs.peek(3, "doc").isPresent());

        storage.persistedBelow.put(3, 12L);
        storage.stored.put("doc", Compaction.mergeAndCompact(List.of(a, b)));
        assertEquals(1, docs.compactIdle(TOPIC));
        assertTrue(docs.peek(3, "doc").isEmpty());
        assertEquals(0, docs.documentCount());

        int loadsBefore = storage.loads;
        assertArrayEquals(before, docs.stateOf(3, "doc"), "reloaded from storage");
        assertEquals(loadsBefore + 1, storage.loads);
    }

    @Test
    void withoutStorageNothingIsDropped() {
        FakeStorage storage = new FakeStorage(); // no persisted offsets: like the log-replay loader
        OwnedDocuments docs = new OwnedDocuments(storage, idleImmediately());
        docs.assigned(0);
        docs.apply(0, "doc", TestUpdates.text(7, 0, "x"), 1);
        docs.stateOf(0, "doc");
        assertEquals(0, docs.compactIdle(TOPIC));
        assertEquals(1, docs.documentCount());
    }
}
