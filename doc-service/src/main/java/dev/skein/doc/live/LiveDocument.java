package dev.skein.doc.live;

import dev.skein.doc.changes.ChangeCollector;
import dev.skein.doc.content.DocumentSchema;
import dev.skein.doc.content.RootType;
import dev.skein.doc.content.RootTyping;
import dev.skein.doc.edit.EditApplier;
import dev.skein.doc.edit.EditRejectedException;
import dev.skein.doc.edit.EditRequestBody;
import dev.skein.doc.edit.StreamAnchors;
import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.id.StateVector;
import dev.skein.ycrdt.struct.Item;
import dev.skein.ycrdt.struct.Struct;
import dev.skein.ycrdt.types.AbstractType;
import dev.skein.ycrdt.update.UpdateFormat;
import dev.skein.ycrdt.update.Updates;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A document of an owned partition held as a ycrdt {@link Doc}: its roots typed (schema, else
 * inferred from the content), its changes collected as JSON, edits applied to it as its own Yjs
 * client. A fresh random client id per load, so that an id is never used by two documents' lives
 * (nor across restarts): edits of an earlier load still in flight to the log cannot collide with
 * this one's.
 *
 * <p>Whatever the document changes by itself (yjs's formatting cleanup after remote changes,
 * which every yjs replica runs, and edits) is handed back as one update to produce, so that the
 * log holds everything this replica holds. Not thread-safe: used on the consuming thread only.
 */
public final class LiveDocument {

    /** Origin of remote updates applied to the document. */
    private static final Object REMOTE = new Object();

    private final Doc doc = new Doc();
    private final ChangeCollector changes = new ChangeCollector();
    private final StreamAnchors streams;
    private final List<byte[]> local = new ArrayList<>();
    private boolean discardLocal;
    private boolean broken;

    private LiveDocument(int streamCapacity) {
        this.streams = new StreamAnchors(streamCapacity);
        doc.onUpdate((update, origin, transaction) -> {
            if (transaction.local() && !discardLocal) {
                local.add(update);
            }
        });
    }

    /**
     * A document holding {@code state} and then {@code inFlight} (its own updates produced but not
     * yet read back from the log), with every root typed and observed; nothing it did while loading
     * counts as a change.
     */
    static LiveDocument load(byte[] state, List<byte[]> inFlight, int streamCapacity) {
        LiveDocument live = new LiveDocument(streamCapacity);
        live.doc.applyUpdate(state, REMOTE, UpdateFormat.V1);
        for (byte[] update : inFlight) {
            live.doc.applyUpdate(update, REMOTE, UpdateFormat.V1);
        }
        live.typeRoots(live.doc.share().keySet(), false);
        live.changes.discard();
        live.local.clear();
        return live;
    }

    /** The document. */
    public Doc doc() {
        return doc;
    }

    /**
     * Applies a remote update (from the log).
     *
     * @return what the document changed by itself in reaction (to produce), or null
     */
    byte[] applyRemote(byte[] update) {
        typeNewRoots(update);
        doc.applyUpdate(update, REMOTE, UpdateFormat.V1);
        // roots whose content only now tells their type (content added after deleted content of a
        // root no one had typed, or content that was pending): their events were not seen, so
        // they change from empty to what they hold
        typeRoots(doc.share().keySet(), true);
        return takeLocal();
    }

    /**
     * Applies an edit as this document's client.
     *
     * @return the update it produced (null when it changed nothing), the positions of its text
     *     inserts and the new state vector
     * @throws EditRejectedException if an operation does not fit; the document is then broken
     *     (partly changed) and must be dropped
     */
    EditResult edit(EditRequestBody body) {
        EditApplier applier = new EditApplier(doc, streams, this::defined);
        EditRejectedException[] rejected = new EditRejectedException[1];
        List<String> positions = doc.transactAndGet(t -> {
            try {
                return applier.apply(body);
            } catch (EditRejectedException e) {
                // the transaction still ends (and emits what it did): nothing of it may leave
                rejected[0] = e;
                discardLocal = true;
                return null;
            }
        }, body);
        discardLocal = false;
        if (rejected[0] != null) {
            broken = true;
            changes.discard();
            local.clear();
            throw rejected[0];
        }
        return new EditResult(takeLocal(), positions, doc.stateVector());
    }

    /** Changes collected since the last call, by root. */
    public Map<String, Map<String, Object>> drainChanges() {
        return changes.drain();
    }

    /** Whether a refused edit left the document partly changed (it must be dropped). */
    boolean broken() {
        return broken;
    }

    /** Streams whose anchors this document keeps. */
    StreamAnchors streams() {
        return streams;
    }

    private void defined(String name, AbstractType<?> root) {
        changes.observe(name, root);
    }

    private byte[] takeLocal() {
        if (local.isEmpty()) {
            return null;
        }
        byte[] update = local.size() == 1 ? local.get(0) : Updates.mergeUpdates(local);
        local.clear();
        return update;
    }

    /**
     * Types (by schema, else by the update's own content) and observes the roots an update starts,
     * before it is applied, so that their first changes are events too.
     */
    private void typeNewRoots(byte[] update) {
        Set<String> names = null;
        for (Struct struct : Updates.decode(update, UpdateFormat.V1).structs()) {
            if (struct instanceof Item item && item.parent() instanceof String name && !changes.observes(name)
                    && !DocumentSchema.ROOT.equals(name)) {
                if (names == null) {
                    names = new LinkedHashSet<>();
                }
                names.add(name);
            }
        }
        if (names == null) {
            return;
        }
        Map<String, RootType> schema = DocumentSchema.of(doc);
        Doc scratch = null;
        for (String name : names) {
            AbstractType<?> existing = doc.share().get(name);
            if (existing != null && !existing.isUntyped()) {
                changes.observe(name, existing);
                continue;
            }
            RootType type = schema.get(name);
            if (type == null) {
                if (scratch == null) {
                    scratch = new Doc();
                    scratch.applyUpdate(update);
                }
                var kind = scratch.inferRootKind(name);
                type = kind == null ? null : RootType.of(kind);
            }
            if (type != null) {
                changes.observe(name, type.define(doc, name));
            }
        }
    }

    private void typeRoots(Set<String> names, boolean announce) {
        Map<String, RootType> schema = DocumentSchema.of(doc);
        for (String name : List.copyOf(names)) {
            if (DocumentSchema.ROOT.equals(name) || changes.observes(name)) {
                continue;
            }
            RootTyping.typeOf(doc, name, schema).ifPresent(t -> {
                AbstractType<?> root = doc.share().get(name);
                changes.observe(name, root);
                if (announce) {
                    changes.appeared(name, root);
                }
            });
        }
    }

    /**
     * What an edit did.
     *
     * @param update the update to produce, or null when nothing changed
     * @param positions per operation, the relative position after inserted text (base64) or null
     * @param stateVector the document's state vector after the edit
     */
    record EditResult(byte[] update, List<String> positions, StateVector stateVector) {
    }
}
