package dev.skein.doc.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The owner's own updates (edits, formatting cleanups) produced but not yet read back from the
 * log, per document, by correlation id. A document loaded again meanwhile applies them after its
 * state, so that it never misses what it already did. Thread-safe: the producer's callbacks remove
 * failed ones.
 */
final class InFlightUpdates {

    private final Map<String, LinkedHashMap<String, byte[]>> byDoc = new HashMap<>();

    synchronized void add(String docId, String correlationId, byte[] update) {
        byDoc.computeIfAbsent(docId, d -> new LinkedHashMap<>()).put(correlationId, update);
    }

    /** Forgets one; returns whether it was there. */
    synchronized boolean remove(String docId, String correlationId) {
        LinkedHashMap<String, byte[]> updates = byDoc.get(docId);
        if (updates == null || updates.remove(correlationId) == null) {
            return false;
        }
        if (updates.isEmpty()) {
            byDoc.remove(docId);
        }
        return true;
    }

    synchronized boolean contains(String docId, String correlationId) {
        LinkedHashMap<String, byte[]> updates = byDoc.get(docId);
        return updates != null && updates.containsKey(correlationId);
    }

    synchronized List<byte[]> of(String docId) {
        LinkedHashMap<String, byte[]> updates = byDoc.get(docId);
        return updates == null ? List.of() : new ArrayList<>(updates.values());
    }

    synchronized void removeDocuments(java.util.function.Predicate<String> which) {
        byDoc.keySet().removeIf(which);
    }
}
