package dev.skein.ycrdt.doc;

import dev.skein.ycrdt.id.DeleteSet;
import dev.skein.ycrdt.types.AbstractType;
import dev.skein.ycrdt.types.YEvent;
import dev.skein.ycrdt.types.YText;
import dev.skein.ycrdt.update.UpdateEncoder;
import dev.skein.ycrdt.update.UpdateEncoderV1;
import dev.skein.ycrdt.update.UpdateEncoderV2;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What happens when the outermost transaction ends (Yjs's {@code cleanupTransactions}): observers,
 * garbage collection, joining of adjacent structs, the update event; then the same for every
 * transaction the observers started.
 */
final class TransactionCleanup {

    private static final System.Logger LOG = System.getLogger(Doc.class.getName());

    private TransactionCleanup() {
    }

    static void run(Doc doc, List<Transaction> cleanups) {
        Throwable first = null;
        for (int i = 0; i < cleanups.size(); i++) {
            try {
                cleanup(doc, cleanups.get(i));
            } catch (RuntimeException | Error e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        doc.transactionCleanups = new ArrayList<>();
        if (first instanceof RuntimeException re) {
            throw re;
        }
        if (first instanceof Error er) {
            throw er;
        }
    }

    private static void cleanup(Doc doc, Transaction transaction) {
        StructStore store = doc.store();
        DeleteSet ds = transaction.deleteSet();
        try {
            ds.sortAndMerge();
            transaction.afterState(store.getStateVector());
            // every observer runs even when one throws; the first exception propagates (lib0's callAll)
            Failures failures = new Failures();
            for (Map.Entry<AbstractType<?>, Set<String>> e : transaction.changed().entrySet()) {
                AbstractType<?> type = e.getKey();
                if (type.item() == null || !type.item().isDeleted()) {
                    failures.run(() -> type.callObserver(transaction, e.getValue()));
                }
            }
            for (Map.Entry<AbstractType<?>, List<YEvent>> e : transaction.changedParentTypes().entrySet()) {
                AbstractType<?> type = e.getKey();
                if (type.hasDeepObservers() && (type.item() == null || !type.item().isDeleted())) {
                    failures.run(() -> callDeepObservers(type, e.getValue(), transaction));
                }
            }
            if (!doc.afterTransaction.isEmpty()) {
                failures.run(() -> doc.afterTransaction.emit(l -> l.accept(transaction)));
            }
            if (transaction.needFormattingCleanup) {
                failures.run(() -> YText.cleanupAfterTransaction(transaction));
            }
            failures.rethrow();
        } finally {
            if (doc.gc()) {
                tryGcDeleteSet(ds, store, doc.gcFilter());
            }
            tryMergeDeleteSet(ds, store);
            ClockMap after = transaction.afterState();
            ClockMap before = transaction.beforeState();
            for (int k = 0; k < after.size(); k++) {
                long client = after.clientAt(k);
                long beforeClock = before.get(client);
                if (beforeClock != after.clockAt(k)) {
                    StructStore.StructList structs = store.structs(client);
                    int firstChangePos = Math.max(StructStore.findIndexSS(structs, beforeClock), 1);
                    for (int i = structs.size() - 1; i >= firstChangePos; ) {
                        i -= 1 + tryToMergeWithLefts(structs, i);
                    }
                }
            }
            List<AbstractStruct> mergeStructs = transaction.mergeStructs();
            for (int i = mergeStructs.size() - 1; i >= 0; i--) {
                AbstractStruct m = mergeStructs.get(i);
                StructStore.StructList structs = store.structs(m.client);
                int replacedStructPos = StructStore.findIndexSS(structs, m.clock);
                if (replacedStructPos + 1 < structs.size()) {
                    if (tryToMergeWithLefts(structs, replacedStructPos + 1) > 1) {
                        continue;
                    }
                }
                if (replacedStructPos > 0) {
                    tryToMergeWithLefts(structs, replacedStructPos);
                }
            }
            if (!transaction.local() && after.get(doc.clientId()) != before.get(doc.clientId())) {
                LOG.log(System.Logger.Level.WARNING, "Changed the client-id because another client seems to be using it.");
                doc.setClientId(Doc.generateClientId());
            }
            doc.afterTransactionCleanup.emit(l -> l.accept(transaction));
            if (!doc.updateV1.isEmpty()) {
                UpdateEncoder encoder = new UpdateEncoderV1(64);
                if (writeUpdateMessageFromTransaction(encoder, transaction)) {
                    byte[] u = encoder.toByteArray();
                    doc.updateV1.emit(l -> l.onUpdate(u, transaction.origin(), transaction));
                }
            }
            if (!doc.updateV2.isEmpty()) {
                UpdateEncoder encoder = new UpdateEncoderV2();
                if (writeUpdateMessageFromTransaction(encoder, transaction)) {
                    byte[] u = encoder.toByteArray();
                    doc.updateV2.emit(l -> l.onUpdate(u, transaction.origin(), transaction));
                }
            }
            if (transaction.hasSubdocChanges()) {
                Set<Doc> added = transaction.subdocsAdded();
                Set<Doc> loaded = transaction.subdocsLoaded();
                Set<Doc> removed = transaction.subdocsRemoved();
                for (Doc subdoc : added) {
                    subdoc.setClientId(doc.clientId());
                    subdoc.setCollectionIdIfAbsent(doc.collectionId());
                    doc.subdocsMutable().add(subdoc);
                }
                removed.forEach(doc.subdocsMutable()::remove);
                SubdocsEvent event = new SubdocsEvent(loaded, added, removed, transaction);
                doc.subdocsListeners.emit(l -> l.accept(event));
                removed.forEach(Doc::destroy);
            }
        }
    }

    private static void callDeepObservers(AbstractType<?> type, List<YEvent> all, Transaction transaction) {
        List<YEvent> events = new ArrayList<>(all.size());
        for (YEvent ev : all) {
            if (ev.target().item() == null || !ev.target().item().isDeleted()) {
                events.add(ev);
            }
        }
        for (YEvent ev : events) {
            ev.setCurrentTarget(type);
        }
        // top-level events first (a stable sort, as V8's)
        events.sort((a, b) -> Integer.compare(a.path().size(), b.path().size()));
        type.callDeepObservers(events, transaction);
    }

    /** Runs steps that must all run; remembers the first exception. */
    private static final class Failures {
        private Throwable first;

        void run(Runnable step) {
            try {
                step.run();
            } catch (RuntimeException | Error e) {
                if (first == null) {
                    first = e;
                }
            }
        }

        void rethrow() {
            if (first instanceof RuntimeException re) {
                throw re;
            }
            if (first instanceof Error er) {
                throw er;
            }
        }
    }

    /** Whether anything happened; if so, writes the transaction's update. */
    static boolean writeUpdateMessageFromTransaction(UpdateEncoder encoder, Transaction transaction) {
        ClockMap before = transaction.beforeState();
        ClockMap after = transaction.afterState();
        boolean changed = false;
        for (int i = 0; i < after.size() && !changed; i++) {
            long client = after.clientAt(i);
            changed = !before.has(client) || before.get(client) != after.clockAt(i);
        }
        if (transaction.deleteSet().isEmpty() && !changed) {
            return false;
        }
        transaction.deleteSet().sortAndMerge();
        DocEncoding.writeClientsStructs(encoder, transaction.doc().store(), before);
        transaction.deleteSet().write(encoder);
        return true;
    }

    /**
     * Joins {@code structs[pos]} with its left neighbours while they allow it; returns how many
     * were joined (and removed from the list).
     */
    static int tryToMergeWithLefts(StructStore.StructList structs, int pos) {
        AbstractStruct right = structs.get(pos);
        AbstractStruct left = structs.get(pos - 1);
        int i = pos;
        for (; i > 0; right = left, left = i - 2 >= 0 ? structs.get(i - 2) : null, i--) {
            if (left.isDeleted() == right.isDeleted() && left.getClass() == right.getClass()) {
                if (left.mergeWith(right)) {
                    if (right instanceof Item r && r.parentSub != null
                            && ((AbstractType<?>) r.parent).itemMap().get(r.parentSub) == r) {
                        ((AbstractType<?>) r.parent).itemMap().put(r.parentSub, (Item) left);
                    }
                    continue;
                }
            }
            break;
        }
        int merged = pos - i;
        if (merged > 0) {
            structs.remove(pos + 1 - merged, merged);
        }
        return merged;
    }

    /** Collects the content of deleted items in {@code ds} (Yjs's {@code tryGcDeleteSet}). */
    static void tryGcDeleteSet(DeleteSet ds, StructStore store, Predicate<Item> gcFilter) {
        for (Map.Entry<Long, DeleteSet.Ranges> e : ds.clients().entrySet()) {
            StructStore.StructList structs = store.structs(e.getKey());
            DeleteSet.Ranges ranges = e.getValue();
            for (int di = ranges.size() - 1; di >= 0; di--) {
                long dClock = ranges.clock(di);
                long end = dClock + ranges.len(di);
                for (int si = StructStore.findIndexSS(structs, dClock); si < structs.size(); si++) {
                    AbstractStruct s = structs.get(si);
                    if (s.clock >= end) {
                        break;
                    }
                    if (s instanceof Item item && item.isDeleted() && !item.keep() && gcFilter.test(item)) {
                        item.gc(store, false);
                    }
                }
            }
        }
    }

    /** Joins collected items around each deleted range, right to left (Yjs's {@code tryMergeDeleteSet}). */
    static void tryMergeDeleteSet(DeleteSet ds, StructStore store) {
        for (Map.Entry<Long, DeleteSet.Ranges> e : ds.clients().entrySet()) {
            StructStore.StructList structs = store.structs(e.getKey());
            DeleteSet.Ranges ranges = e.getValue();
            for (int di = ranges.size() - 1; di >= 0; di--) {
                long dClock = ranges.clock(di);
                long dLen = ranges.len(di);
                int mostRight = Math.min(structs.size() - 1, 1 + StructStore.findIndexSS(structs, dClock + dLen - 1));
                for (int si = mostRight; si > 0 && structs.get(si).clock >= dClock; ) {
                    si -= 1 + tryToMergeWithLefts(structs, si);
                }
            }
        }
    }
}
