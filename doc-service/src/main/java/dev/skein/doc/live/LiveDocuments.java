package dev.skein.doc.live;

import dev.skein.doc.config.DocConfig;
import dev.skein.doc.state.OwnedDocuments;
import dev.skein.messaging.TopicLayout;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The live documents of the owned partitions (at most {@code skein.doc.live-documents}, least
 * recently used dropped first), loaded from the owner's merged state plus its own updates still in
 * flight. Also knows, per owned partition, from which offset the changes of records are this
 * owner's to publish (the previous owner's last commit) and from which offset edit requests are
 * its to apply (the end of the log when it got the partition), so that a replay repeats neither.
 *
 * <p>Touched by the consuming thread only, except {@link #dropLater} (the producer's callbacks).
 */
@ApplicationScoped
public class LiveDocuments {

    private final OwnedDocuments owned;
    private final TopicLayout layout;
    private final int capacity;
    private final int streamCapacity;
    private final InFlightUpdates inFlight = new InFlightUpdates();
    private final LinkedHashMap<String, Entry> live = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<Integer, Long> changesFrom = new HashMap<>();
    private final Map<Integer, Long> editsFrom = new HashMap<>();
    private final ConcurrentLinkedQueue<String> toDrop = new ConcurrentLinkedQueue<>();
    // correlation id of every edit whose update is in the log (as far as this owner read it) →
    // that update's offset: a request sent again is answered instead of applied twice
    private final LinkedHashMap<String, dev.skein.contract.EditReply> refusedEdits = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, dev.skein.contract.EditReply> eldest) {
            return size() > 10_000;
        }
    };
    private final LinkedHashMap<String, Long> appliedEdits = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > 100_000;
        }
    };
    private long loads;

    private record Entry(int partition, LiveDocument document) {
    }

    LiveDocuments(OwnedDocuments owned, TopicLayout layout, DocConfig config) {
        this.owned = owned;
        this.layout = layout;
        this.capacity = Math.max(1, config.liveDocuments());
        this.streamCapacity = config.streamsPerDocument();
    }

    /**
     * A partition was assigned: the previous owner handled its records up to {@code handledBelow}
     * (its last commit: changes from there on are this owner's to publish), and the log ended at
     * {@code end} (edit requests before it are not applied: the previous owner may have applied them
     * without committing that yet; their requesters send again what was not answered).
     */
    public void assigned(int partition, long handledBelow, long end) {
        changesFrom.put(partition, Math.min(handledBelow, end));
        editsFrom.put(partition, end);
    }

    /** A partition was revoked or lost: its live documents and in-flight updates are forgotten. */
    public void revoked(int partition) {
        changesFrom.remove(partition);
        editsFrom.remove(partition);
        for (Iterator<Map.Entry<String, Entry>> it = live.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Entry> e = it.next();
            if (e.getValue().partition() == partition) {
                it.remove();
            }
        }
        inFlight.removeDocuments(doc -> layout.updatePartitionOf(doc) == partition);
    }

    /** Whether the changes of the record at this offset are this owner's to publish. */
    public boolean publishesChanges(int partition, long offset) {
        Long from = changesFrom.get(partition);
        return from != null && offset >= from;
    }

    /** Whether an edit request at this offset is this owner's to apply. */
    public boolean appliesEdits(int partition, long offset) {
        Long from = editsFrom.get(partition);
        return from != null && offset >= from;
    }

    /**
     * The live document, loaded if needed.
     *
     * @throws RuntimeException if its persisted state cannot be read now
     */
    public LiveDocument get(int partition, String docId) {
        dropRequested();
        Entry entry = live.get(docId);
        if (entry == null) {
            LiveDocument document = LiveDocument.load(owned.stateOf(partition, docId), inFlight.of(docId), streamCapacity);
            loads++;
            entry = new Entry(partition, document);
            live.put(docId, entry);
            Iterator<Entry> it = live.values().iterator();
            while (live.size() > capacity && it.hasNext()) {
                it.next();
                it.remove();
            }
        }
        return entry.document();
    }

    /** The live document if it is loaded, else null. */
    public LiveDocument peek(String docId) {
        dropRequested();
        Entry entry = live.get(docId);
        return entry == null ? null : entry.document();
    }

    /** Drops a live document (it is loaded again when next needed). */
    public void drop(String docId) {
        live.remove(docId);
    }

    /**
     * Drops a document from another thread (a produce of its own update failed): the next use loads
     * it again without that update.
     */
    public void dropLater(String docId, String correlationId) {
        inFlight.remove(docId, correlationId);
        toDrop.add(docId);
    }

    /** Remembers an own update produced but not read back yet. */
    public void produced(String docId, String correlationId, byte[] update) {
        inFlight.add(docId, correlationId, update);
    }

    /** An own update came back from the log; returns whether it was one in flight. */
    public boolean readBack(String docId, String correlationId) {
        return inFlight.remove(docId, correlationId);
    }

    /** An edit was refused: a request sent again gets the same refusal. */
    public void editRefused(String correlationId, dev.skein.contract.EditReply refusal) {
        refusedEdits.put(correlationId, refusal);
    }

    /** The refusal of an edit refused before, or null. */
    public dev.skein.contract.EditReply refusal(String correlationId) {
        return refusedEdits.get(correlationId);
    }

    /** An edit's update was read from the log at {@code offset}. */
    public void editInLog(String correlationId, long offset) {
        appliedEdits.put(correlationId, offset);
    }

    /** The offset of an edit's update already in the log, or null. */
    public Long editOffset(String correlationId) {
        return appliedEdits.get(correlationId);
    }

    /** Whether an own update with this correlation id is produced but not read back yet. */
    public boolean inFlight(String docId, String correlationId) {
        return inFlight.contains(docId, correlationId);
    }

    /** Live documents held. */
    public int size() {
        return live.size();
    }

    /** How often a live document was loaded (for tests and metrics). */
    public long loads() {
        return loads;
    }

    private void dropRequested() {
        for (String docId = toDrop.poll(); docId != null; docId = toDrop.poll()) {
            live.remove(docId);
        }
    }
}
