package dev.skein.persistence.history;

import dev.skein.contract.VersionReply;
import dev.skein.contract.VersionRequest;
import dev.skein.persistence.batch.BatchObserver;
import dev.skein.persistence.batch.PendingDocument;
import dev.skein.persistence.metrics.PersistenceMetrics;
import dev.skein.storage.history.ChangeSet;
import dev.skein.storage.history.Trigger;
import dev.skein.storage.layout.BatchName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The version history of one consumer session (a new one after every failure, like the batch
 * buffers): a tracker per document with history, started from storage when the session first
 * meets the document; the changes object of every batch; versions when editing pauses, goes on
 * too long, or someone asks.
 *
 * <p>Used by the consuming thread only. The caller flushes a document's buffer before a version
 * is recorded, so a version object is written only after every batch it covers.
 */
public final class HistorySession implements BatchObserver {

    private static final Logger LOG = Logger.getLogger(HistorySession.class);

    private final HistoryPolicy policy;
    private final HistoryStore store;
    private final VersionCuts cuts;
    private final PersistenceMetrics metrics;
    private final Map<String, VersionTracker> trackers = new HashMap<>();

    /** A session over these collaborators. */
    public HistorySession(HistoryPolicy policy, HistoryStore store, VersionCuts cuts, PersistenceMetrics metrics) {
        this.policy = policy;
        this.store = store;
        this.cuts = cuts;
        this.metrics = metrics;
    }

    /** What a version request came to. */
    public record Requested(VersionReply.Outcome outcome, OptionalLong version) {
    }

    /** Whether the document has history. */
    public boolean applies(String docId) {
        return policy.appliesTo(docId);
    }

    /**
     * Before an update of a document with history is buffered: starts its tracker when the session
     * first meets it, and says whether a version must be cut first (the caller flushes the
     * document, then calls {@link #cut}).
     */
    public Optional<Trigger> beforeUpdate(int partition, String docId, long timestampMillis) {
        return cuts.before(tracker(partition, docId), timestampMillis);
    }

    /** An update of a document with history was buffered. */
    public void updated(String docId, long offset, long timestampMillis) {
        VersionTracker tracker = trackers.get(docId);
        if (tracker != null) {
            tracker.updated(offset, timestampMillis);
        }
    }

    /** Writes the batch's changes object (documents with history) and counts its changes. */
    @Override
    public void written(PendingDocument pending, BatchName name) {
        if (!policy.appliesTo(pending.docId())) {
            return;
        }
        ChangeSet changes = new ChangeSet();
        List<byte[]> updates = pending.updates();
        List<String> principals = pending.principals();
        for (int i = 0; i < updates.size(); i++) {
            changes.addUpdate(principals.get(i), updates.get(i));
        }
        store.writeChanges(name, changes);
        VersionTracker tracker = trackers.get(pending.docId());
        if (tracker != null) {
            // records read again after a restart may be counted already: unions make that harmless
            tracker.changes.addAll(changes);
        }
    }

    /**
     * Records a version of the document at its last update (flushed by the caller), unless those
     * records are covered already (a restart read them again).
     *
     * @return the version recorded
     */
    public OptionalLong cut(String docId, Trigger trigger) {
        VersionTracker tracker = trackers.get(docId);
        if (tracker == null || !tracker.unversioned) {
            return OptionalLong.empty();
        }
        long offset = tracker.lastUpdateOffset;
        if (offset <= tracker.baseOffset || offset < tracker.countedUpTo) {
            // read again after a restart: a version exists, or the stored changes reach beyond this cut
            tracker.covered();
            return OptionalLong.empty();
        }
        store.writeVersion(tracker, offset, trigger, tracker.lastUpdateTimestamp, "", "");
        metrics.version(trigger.label());
        return OptionalLong.of(offset);
    }

    /**
     * Records the version a request asks for, at the request's offset (the caller flushed the
     * document first, so it holds every update before the request).
     */
    public Requested requested(int partition, long offset, long timestampMillis, VersionRequest request) {
        VersionTracker tracker = tracker(partition, request.docId());
        if (tracker.storedVersions.contains(offset)) {
            // recorded before a restart; this is the same request read again
            return recorded(offset);
        }
        if (offset <= tracker.baseOffset) {
            // a newer version exists: this request was handled before a restart and its version is gone (retention)
            return new Requested(VersionReply.Outcome.EMPTY, OptionalLong.empty());
        }
        if (!tracker.hasContent()) {
            return new Requested(VersionReply.Outcome.EMPTY, OptionalLong.empty());
        }
        if (offset < tracker.countedUpTo) {
            LOG.warnf("version of %s requested at %d inside stored changes up to %d: it holds those too",
                request.docId(), offset, tracker.countedUpTo);
        }
        store.writeVersion(tracker, offset, Trigger.REQUEST, timestampMillis, request.label(),
            request.principal().orElse(""));
        metrics.version(Trigger.REQUEST.label());
        return recorded(offset);
    }

    /** Documents of caught-up partitions that have been quiet for {@code skein.history.idle} at {@code nowMillis}. */
    public List<String> idle(long nowMillis, Set<Integer> caughtUp) {
        List<String> idle = new ArrayList<>();
        for (VersionTracker tracker : trackers.values()) {
            if (caughtUp.contains(tracker.partition) && cuts.idleAt(tracker, nowMillis)) {
                idle.add(tracker.docId);
            }
        }
        return idle;
    }

    /** Forgets a document with nothing waiting for a version (memory follows the active documents). */
    public void settle(String docId) {
        VersionTracker tracker = trackers.get(docId);
        if (tracker != null && !tracker.unversioned) {
            trackers.remove(docId);
        }
    }

    /** A partition went to another instance: its documents' trackers go. */
    public void dropped(int partition) {
        trackers.values().removeIf(t -> t.partition == partition);
    }

    /** Documents tracked now (tests, metrics). */
    public int trackedDocuments() {
        return trackers.size();
    }

    private VersionTracker tracker(int partition, String docId) {
        VersionTracker tracker = trackers.get(docId);
        if (tracker == null) {
            tracker = store.start(docId, partition);
            trackers.put(docId, tracker);
        }
        return tracker;
    }

    private static Requested recorded(long offset) {
        return new Requested(VersionReply.Outcome.RECORDED, OptionalLong.of(offset));
    }
}
