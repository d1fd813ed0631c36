package dev.skein.gateway.sync;

import dev.skein.gateway.metrics.GatewayMetrics;
import dev.skein.gateway.session.CloseCodes;
import dev.skein.gateway.session.Session;
import dev.skein.gateway.session.SessionRegistry;
import dev.skein.ycrdt.update.Compaction;
import dev.skein.ycrdt.update.Updates;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The merged state of the documents this gateway's connections have open, so that a connection
 * joining a document the gateway already holds is answered at once, without the two broker hops of
 * a sync request through the log (about 10 ms of a join on a small machine, docs/architecture.md).
 *
 * <p>A document is collected from its first sync request through the log on: every update this
 * gateway's connections send and every other writer's update it consumes is added, and the answer
 * to a request for the whole document (an empty state vector) is its base. Merging Yjs updates is
 * commutative and idempotent, so the base and the updates may overlap. That answers a join without
 * a gap: the joining connection is registered before its sync step 1 is read, an update is added
 * here before it is handed to the registered connections, and the answer merges everything added
 * before it starts; whatever is added later reaches the connection as a live update.
 *
 * <p>Merging runs on a thread of its own, never on an event loop: after {@code foldAfterUpdates}
 * updates, and for each answer that needs it. A request for the whole document while nothing waits
 * to be merged is answered at once from the merged state, on the thread that read it.
 *
 * <p>A document is let go when its last connection leaves, when live delivery had to start over
 * (records may have been missed), when an update would pass the byte budget, or when its updates
 * do not merge; its joins then go through the log as before.
 */
@Singleton
public class HeldDocuments {

    private static final Logger LOG = Logger.getLogger(HeldDocuments.class);
    private static final byte[] EMPTY_STATE_VECTOR = {0};
    private static final byte[] EMPTY_UPDATE = {0, 0};

    private final boolean enabled;
    private final long maxBytes;
    private final int foldAfterUpdates;
    private final SyncReplyDelivery replies;
    private final GatewayMetrics metrics;
    private final Map<String, Held> documents = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final ExecutorService folder = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "skein-held-documents");
        thread.setDaemon(true);
        return thread;
    });

    /** One document: its merged state and the updates added since, guarded by itself. */
    private static final class Held {
        byte[] merged = EMPTY_UPDATE;
        byte[] stateVector = EMPTY_STATE_VECTOR;
        final List<byte[]> tail = new ArrayList<>();
        long bytes = EMPTY_UPDATE.length;
        boolean based;
        boolean letGo;
        boolean folding;
    }

    HeldDocuments(HeldDocumentsConfig config, SyncReplyDelivery replies, GatewayMetrics metrics, SessionRegistry registry) {
        this.enabled = config.enabled();
        this.maxBytes = config.maxBytes();
        this.foldAfterUpdates = Math.max(1, config.foldAfterUpdates());
        this.replies = replies;
        this.metrics = metrics;
        registry.onDocumentLeft(this::letGo);
        metrics.heldBytes(bytes::get);
    }

    /** Starts collecting a document's updates, before its first sync request through the log is produced. */
    public void collect(String docId) {
        if (enabled) {
            documents.computeIfAbsent(docId, id -> {
                bytes.addAndGet(EMPTY_UPDATE.length);
                return new Held();
            });
        }
    }

    /** An update of the document, added before it is handed to any connection. */
    public void add(String docId, byte[] update) {
        Held held = documents.get(docId);
        if (held == null) {
            return;
        }
        boolean fold;
        synchronized (held) {
            if (held.letGo || !hold(docId, held, update)) {
                return;
            }
            fold = held.based && !held.folding && held.tail.size() >= foldAfterUpdates;
            held.folding |= fold;
        }
        if (fold) {
            submit(held, () -> fold(docId, held));
        }
    }

    /** The answer to a request for the whole document: the base the collected updates complete. */
    public void base(String docId, byte[] wholeDocument) {
        Held held = documents.get(docId);
        if (held == null) {
            return;
        }
        synchronized (held) {
            if (held.letGo || held.based || !hold(docId, held, wholeDocument)) {
                return;
            }
            held.based = true;
        }
    }

    /**
     * Answers a connection's sync step 1 from the held document, if the gateway holds it.
     *
     * @return false when it does not: the sync request goes through the log
     */
    public boolean answer(Session session, byte[] stateVector) {
        Held held = documents.get(session.docId());
        if (held == null) {
            return false;
        }
        byte[] whole = null;
        byte[] wholeVector = null;
        synchronized (held) {
            if (!held.based || held.letGo) {
                return false;
            }
            if (held.tail.isEmpty() && Arrays.equals(stateVector, EMPTY_STATE_VECTOR)) {
                whole = held.merged;
                wholeVector = held.stateVector;
            }
        }
        if (whole != null) {
            // nothing to merge or diff: answered at once, without the hop to the merging thread
            replies.deliver(session, whole, wholeVector);
            metrics.syncHeld();
            return true;
        }
        // what was added before this point is merged by the task (added later: live updates)
        return submit(held, () -> {
            if (fold(session.docId(), held)) {
                byte[] merged;
                byte[] vector;
                synchronized (held) {
                    merged = held.merged;
                    vector = held.stateVector;
                }
                byte[] missing = Arrays.equals(stateVector, EMPTY_STATE_VECTOR) ? merged : Updates.diffUpdate(merged, stateVector);
                replies.deliver(session, missing, vector);
                metrics.syncHeld();
            } else {
                // let go while this waited: the client is asked to reconnect, whose sync then goes through the log
                session.close(CloseCodes.TRY_AGAIN_LATER, "sync failed");
            }
        });
    }

    /** Live delivery had to start over: nothing held can be trusted to be complete. */
    public void letGoAll() {
        for (Map.Entry<String, Held> entry : documents.entrySet()) {
            synchronized (entry.getValue()) {
                letGo(entry.getKey(), entry.getValue(), "live delivery started over");
            }
        }
    }

    /** Whether joins to the document are answered here (for tests). */
    public boolean holds(String docId) {
        Held held = documents.get(docId);
        if (held == null) {
            return false;
        }
        synchronized (held) {
            return held.based && !held.letGo;
        }
    }

    /** The document's last connection on this gateway is gone. */
    private void letGo(String docId) {
        Held held = documents.remove(docId);
        if (held != null) {
            synchronized (held) {
                letGo(docId, held, null);
            }
        }
    }

    /** Adds to the document's tail within the byte budget, or lets it go; under its lock. */
    private boolean hold(String docId, Held held, byte[] update) {
        if (bytes.addAndGet(update.length) > maxBytes) {
            bytes.addAndGet(-update.length);
            letGo(docId, held, "the held documents' byte budget is used up");
            return false;
        }
        held.tail.add(update);
        held.bytes += update.length;
        return true;
    }

    /** Under the held document's lock. */
    private void letGo(String docId, Held held, String reason) {
        if (!held.letGo) {
            held.letGo = true;
            bytes.addAndGet(-held.bytes);
            held.tail.clear();
            held.merged = EMPTY_UPDATE;
            if (reason != null) {
                // kept, marked: its joins go through the log until its connections are gone
                LOG.debugf("no longer holding %s: %s", docId, reason);
            }
        }
    }

    /** Merges what was added into the held state; false if the document was let go. */
    private boolean fold(String docId, Held held) {
        byte[] merged;
        List<byte[]> taken;
        synchronized (held) {
            held.folding = false;
            if (held.letGo) {
                return false;
            }
            if (held.tail.isEmpty()) {
                return true;
            }
            merged = held.merged;
            taken = new ArrayList<>(held.tail);
        }
        List<byte[]> inputs = new ArrayList<>(taken.size() + 1);
        inputs.add(merged);
        inputs.addAll(taken);
        byte[] folded;
        byte[] vector;
        try {
            folded = Compaction.mergeAndCompact(inputs);
            vector = Updates.encodeStateVectorFromUpdate(folded);
        } catch (RuntimeException e) {
            metrics.error("held-document");
            synchronized (held) {
                letGo(docId, held, "its updates do not merge: " + e.getMessage());
            }
            return false;
        }
        synchronized (held) {
            if (held.letGo) {
                return false;
            }
            long takenBytes = merged.length;
            for (byte[] update : taken) {
                takenBytes += update.length;
            }
            // what was added while merging stays in the tail
            held.tail.subList(0, taken.size()).clear();
            held.merged = folded;
            held.stateVector = vector;
            long change = folded.length - takenBytes;
            held.bytes += change;
            bytes.addAndGet(change);
        }
        return true;
    }

    private boolean submit(Held held, Runnable task) {
        try {
            folder.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            synchronized (held) {
                held.folding = false;
            }
            return false;
        }
    }

    @PreDestroy
    void stop() {
        folder.shutdownNow();
    }
}
