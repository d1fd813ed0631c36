package dev.skein.doc.sync;

import dev.skein.ycrdt.update.Updates;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state vector of each recently synced document's state, computed once per state. A document
 * that many clients join in a row (a page reload wave, a class opening the same handout) then
 * costs one decode of its state for all of them. Keyed by document, valid while the state is the
 * very same array (a document's state is replaced, never modified, when updates are merged in).
 */
final class StateVectorCache {

    private record Entry(byte[] state, byte[] stateVector) {
    }

    private final Map<String, Entry> entries;

    StateVectorCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The state vector of {@code state}, the current state of {@code docId}. */
    synchronized byte[] of(String docId, byte[] state) {
        Entry entry = entries.get(docId);
        if (entry == null || entry.state() != state) {
            entry = new Entry(state, Updates.encodeStateVectorFromUpdate(state));
            entries.put(docId, entry);
        }
        return entry.stateVector();
    }
}
