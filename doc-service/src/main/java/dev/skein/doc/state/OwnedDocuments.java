package dev.skein.doc.state;

import dev.skein.doc.config.DocConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jboss.logging.Logger;

/**
 * The documents of the partitions this instance owns, touched only by the consuming thread.
 *
 * <p>A document's persisted state is read from the loader when its state is first needed (a sync
 * request or a read), not when its first update arrives: updates are collected meanwhile, so a
 * storage outage delays answers (the request fails and its requester asks again) but never loses
 * an update.
 *
 * <p>Memory is bounded in two ways: at most {@code skein.doc.max-active-documents} documents keep
 * an unmerged tail (the least recently used beyond that are merged), and documents idle for
 * {@code skein.doc.idle-after} are merged down to their compact state. With the storage loader an
 * idle document whose updates are all persisted is then dropped from memory and reloaded from
 * storage when next needed; with the log-replay loader the compact states stay in memory (there
 * is nowhere to reload them from).
 */
@ApplicationScoped
public class OwnedDocuments {

    private static final Logger LOG = Logger.getLogger(OwnedDocuments.class);
    /** A persisted-state load at least this slow is logged. */
    private static final long SLOW_LOAD_MILLIS = 1_000;

    private final DocumentStateLoader loader;
    private final int maxTailUpdates;
    private final long maxTailBytes;
    private final int maxActive;
    private final long idleNanos;
    private final Map<Integer, Map<String, DocumentState>> byPartition = new HashMap<>();
    private final LinkedHashMap<String, DocumentState> active = new LinkedHashMap<>(16, 0.75f, true);

    OwnedDocuments(DocumentStateLoader loader, DocConfig config) {
        this.loader = loader;
        this.maxTailUpdates = config.tailMaxUpdates();
        this.maxTailBytes = config.tailMaxBytes();
        this.maxActive = config.maxActiveDocuments();
        this.idleNanos = config.idleAfter().toNanos();
    }

    /** Starts tracking a newly assigned partition (empty). */
    public synchronized void assigned(int partition) {
        byPartition.put(partition, new HashMap<>());
    }

    /** Forgets a partition that was revoked or lost. */
    public synchronized void revoked(int partition) {
        Map<String, DocumentState> removed = byPartition.remove(partition);
        if (removed != null) {
            removed.keySet().forEach(active::remove);
        }
    }

    /** Whether this instance owns the partition. */
    public synchronized boolean owns(int partition) {
        return byPartition.containsKey(partition);
    }

    /** Applies a validated update, read at {@code offset}, to a document of an owned partition. */
    public synchronized void apply(int partition, String docId, byte[] update, long offset) {
        long now = System.nanoTime();
        DocumentState state = stateOf(partition, docId, now);
        state.append(update, now, offset);
        if (state.hasTail()) {
            active.put(docId, state);
            boundActive();
        } else {
            active.remove(docId);
        }
    }

    /**
     * The current state of a document of an owned partition (empty update if it has none).
     *
     * @throws RuntimeException if its persisted state cannot be read now (retried on the next call)
     */
    public synchronized byte[] stateOf(int partition, String docId) {
        DocumentState state = stateOf(partition, docId, System.nanoTime());
        if (!state.baseLoaded()) {
            long started = System.nanoTime();
            state.addBase(loader.persistedState(docId).orElse(null));
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (millis >= SLOW_LOAD_MILLIS) {
                // every partition waits meanwhile: sync answers queue behind this load
                LOG.warnf("loading %s from storage took %d ms", docId, millis);
            }
        }
        active.remove(docId);
        return state.state();
    }

    /** A document's state object, if loaded (for tests and metrics). */
    public synchronized Optional<DocumentState> peek(int partition, String docId) {
        Map<String, DocumentState> docs = byPartition.get(partition);
        return docs == null ? Optional.empty() : Optional.ofNullable(docs.get(docId));
    }

    /**
     * Merges the tails of documents idle for longer than the idle bound, then drops from memory the
     * idle documents whose every update is persisted (reloaded from storage when next needed).
     *
     * @param topic the update topic, whose persisted offsets decide what may be dropped
     * @return how many documents were dropped
     */
    public synchronized int compactIdle(String topic) {
        long now = System.nanoTime();
        for (Iterator<DocumentState> it = active.values().iterator(); it.hasNext(); ) {
            DocumentState state = it.next();
            if (now - state.lastTouchedNanos() > idleNanos) {
                state.fold();
                it.remove();
            }
        }
        int dropped = 0;
        for (Map.Entry<Integer, Map<String, DocumentState>> partition : byPartition.entrySet()) {
            OptionalLong reloadable = null;
            for (Iterator<Map.Entry<String, DocumentState>> it = partition.getValue().entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, DocumentState> doc = it.next();
                DocumentState state = doc.getValue();
                if (now - state.lastTouchedNanos() <= idleNanos || state.hasTail() || active.containsKey(doc.getKey())) {
                    continue;
                }
                if (reloadable == null) {
                    reloadable = reloadableBelow(topic, partition.getKey());
                }
                // every update of the document is below the persisted offset: storage has it all
                if (reloadable.isPresent() && state.lastOffset() < reloadable.getAsLong()) {
                    it.remove();
                    dropped++;
                }
            }
        }
        return dropped;
    }

    private OptionalLong reloadableBelow(String topic, int partition) {
        try {
            return loader.reloadableBelow(topic, partition);
        } catch (RuntimeException e) {
            return OptionalLong.empty(); // offsets unknown now: keep everything, try next round
        }
    }

    /** Documents held in memory. */
    public synchronized int documentCount() {
        int count = 0;
        for (Map<String, DocumentState> docs : byPartition.values()) {
            count += docs.size();
        }
        return count;
    }

    private DocumentState stateOf(int partition, String docId, long now) {
        Map<String, DocumentState> docs = byPartition.computeIfAbsent(partition, p -> new HashMap<>());
        return docs.computeIfAbsent(docId, id -> DocumentState.awaitingBase(maxTailUpdates, maxTailBytes, now));
    }

    private void boundActive() {
        Iterator<DocumentState> it = active.values().iterator();
        while (active.size() > maxActive && it.hasNext()) {
            it.next().fold();
            it.remove();
        }
    }
}
