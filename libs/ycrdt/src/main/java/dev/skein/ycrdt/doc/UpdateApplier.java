package dev.skein.ycrdt.doc;

import dev.skein.ycrdt.id.DeleteSet;
import dev.skein.ycrdt.id.Id;
import dev.skein.ycrdt.struct.Gc;
import dev.skein.ycrdt.struct.Skip;
import dev.skein.ycrdt.struct.Struct;
import dev.skein.ycrdt.update.StructReader;
import dev.skein.ycrdt.update.StructWriter;
import dev.skein.ycrdt.update.UpdateDecoder;
import dev.skein.ycrdt.update.UpdateEncoder;
import dev.skein.ycrdt.update.UpdateEncoderV2;
import dev.skein.ycrdt.update.UpdateFormat;
import dev.skein.ycrdt.update.Updates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an update into a document (Yjs's {@code readUpdateV2}, {@code integrateStructs} and
 * {@code readAndApplyDeleteSet}): structs are integrated client by client, highest client first;
 * a struct whose dependencies are missing goes, with everything after it from its client, into the
 * store's pending update, and deletions of unknown ids into the pending delete set. Both are
 * retried when later updates bring what they wait for.
 */
final class UpdateApplier {

    /** No dependency missing. */
    private static final long NONE = -1;

    private UpdateApplier() {
    }

    /** The structs of one client section, and how many have been taken. */
    private static final class Refs {
        List<Struct> refs = new ArrayList<>();
        int i;
    }

    /** Where a struct's origins and parent resolved to, once nothing is missing. */
    private record Resolved(Item left, Item right, Id origin, Id rightOrigin, Object parent, String parentSub,
                            boolean gc) {
    }

    static void apply(Transaction transaction, byte[] update, UpdateFormat format) {
        transaction.local = false;
        Doc doc = transaction.doc();
        StructStore store = doc.store();
        UpdateDecoder decoder = format.newDecoder(update);
        Map<Long, Refs> clientRefs = readClientsStructRefs(decoder, update.length, doc);
        StructStore.PendingStructs rest = integrateStructs(transaction, store, clientRefs);
        boolean retry = false;
        StructStore.PendingStructs pending = store.pendingStructs;
        if (pending != null) {
            ClockMap missing = pending.missing();
            for (int i = 0; i < missing.size(); i++) {
                if (missing.clockAt(i) < store.getState(missing.clientAt(i))) {
                    retry = true;
                    break;
                }
            }
            if (rest != null) {
                ClockMap restMissing = rest.missing();
                for (int i = 0; i < restMissing.size(); i++) {
                    long client = restMissing.clientAt(i);
                    long clock = restMissing.clockAt(i);
                    if (!missing.has(client) || missing.get(client) > clock) {
                        missing.put(client, clock);
                    }
                }
                store.pendingStructs = new StructStore.PendingStructs(missing,
                        Updates.mergeUpdatesV2(List.of(pending.update(), rest.update())));
            }
        } else {
            store.pendingStructs = rest;
        }
        byte[] dsRest = readAndApplyDeleteSet(DeleteSet.read(decoder), transaction, store);
        if (store.pendingDs != null) {
            UpdateDecoder pendingDecoder = UpdateFormat.V2.newDecoder(store.pendingDs);
            pendingDecoder.rest().readVarUint(); // no structs: a pending delete set is only deletions
            byte[] dsRest2 = readAndApplyDeleteSet(DeleteSet.read(pendingDecoder), transaction, store);
            if (dsRest != null && dsRest2 != null) {
                store.pendingDs = Updates.mergeUpdatesV2(List.of(dsRest, dsRest2));
            } else {
                store.pendingDs = dsRest != null ? dsRest : dsRest2;
            }
        } else {
            store.pendingDs = dsRest;
        }
        if (retry) {
            byte[] again = store.pendingStructs.update();
            store.pendingStructs = null;
            apply(transaction, again, UpdateFormat.V2);
        }
    }

    /** The update's structs per client section; root types named by the update come into being. */
    private static Map<Long, Refs> readClientsStructRefs(UpdateDecoder decoder, int length, Doc doc) {
        Map<Long, Refs> clientRefs = new LinkedHashMap<>();
        Refs[] current = new Refs[1];
        StructReader reader = new StructReader(decoder, false, length, (client, clock, count) -> {
            current[0] = new Refs();
            clientRefs.put(client, current[0]);
        });
        for (Struct s = reader.current(); s != null; s = reader.next()) {
            if (s instanceof dev.skein.ycrdt.struct.Item item && item.parent() instanceof String name) {
                doc.get(name);
            }
            current[0].refs.add(s);
        }
        return clientRefs;
    }

    private static StructStore.PendingStructs integrateStructs(Transaction transaction, StructStore store,
                                                              Map<Long, Refs> clientsStructRefs) {
        List<Struct> stack = new ArrayList<>();
        long[] ids = clientsStructRefs.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        int[] idCount = {ids.length};
        if (idCount[0] == 0) {
            return null;
        }
        Refs curStructsTarget = nextStructTarget(clientsStructRefs, ids, idCount);
        if (curStructsTarget == null) {
            return null;
        }
        Map<Long, List<Struct>> restStructs = new LinkedHashMap<>();
        ClockMap missingSV = new ClockMap();
        ClockMap state = new ClockMap();
        Struct stackHead = curStructsTarget.refs.get(curStructsTarget.i++);
        while (true) {
            if (!(stackHead instanceof Skip)) {
                long client = stackHead.client();
                long localClock;
                if (state.has(client)) {
                    localClock = state.get(client);
                } else {
                    localClock = store.getState(client);
                    state.put(client, localClock);
                }
                long offset = localClock - stackHead.clock();
                if (offset < 0) {
                    // the update from the same client is missing
                    stack.add(stackHead);
                    updateMissingSv(missingSV, client, stackHead.clock() - 1);
                    ids = addStackToRest(stack, clientsStructRefs, restStructs, ids, idCount);
                } else {
                    long missing = getMissing(stackHead, store);
                    if (missing != NONE) {
                        stack.add(stackHead);
                        Refs structRefs = clientsStructRefs.get(missing);
                        if (structRefs == null || structRefs.refs.size() == structRefs.i) {
                            // depends on an update that has not arrived yet
                            updateMissingSv(missingSV, missing, store.getState(missing));
                            ids = addStackToRest(stack, clientsStructRefs, restStructs, ids, idCount);
                        } else {
                            stackHead = structRefs.refs.get(structRefs.i++);
                            continue;
                        }
                    } else {
                        Resolved r = resolve(transaction, store, stackHead);
                        if (offset == 0 || offset < stackHead.length()) {
                            integrate(transaction, stackHead, r, offset);
                            state.put(client, stackHead.clock() + stackHead.length());
                        }
                    }
                }
            }
            if (!stack.isEmpty()) {
                stackHead = stack.remove(stack.size() - 1);
            } else if (curStructsTarget != null && curStructsTarget.i < curStructsTarget.refs.size()) {
                stackHead = curStructsTarget.refs.get(curStructsTarget.i++);
            } else {
                curStructsTarget = nextStructTarget(clientsStructRefs, ids, idCount);
                if (curStructsTarget == null) {
                    break;
                }
                stackHead = curStructsTarget.refs.get(curStructsTarget.i++);
            }
        }
        if (restStructs.isEmpty()) {
            return null;
        }
        UpdateEncoder encoder = new UpdateEncoderV2();
        StructWriter writer = new StructWriter(encoder);
        restStructs.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getKey(), a.getKey()))
                .forEach(e -> e.getValue().forEach(s -> writer.write(s, 0)));
        writer.finish();
        encoder.rest().writeVarUint(0); // no deletions: those go to the pending delete set
        return new StructStore.PendingStructs(missingSV, encoder.toByteArray());
    }

    /** The refs of the highest client with structs left, dropping exhausted clients. */
    private static Refs nextStructTarget(Map<Long, Refs> clientsStructRefs, long[] ids, int[] idCount) {
        while (idCount[0] > 0) {
            Refs r = clientsStructRefs.get(ids[idCount[0] - 1]);
            if (r != null && r.refs.size() > r.i) {
                return r;
            }
            idCount[0]--;
        }
        return null;
    }

    private static void updateMissingSv(ClockMap missingSV, long client, long clock) {
        if (!missingSV.has(client) || missingSV.get(client) > clock) {
            missingSV.put(client, clock);
        }
    }

    /** Moves what the stack waits for into the rest, and stops reading those clients. */
    private static long[] addStackToRest(List<Struct> stack, Map<Long, Refs> clientsStructRefs,
                                         Map<Long, List<Struct>> restStructs, long[] ids, int[] idCount) {
        for (Struct item : stack) {
            long client = item.client();
            Refs inapplicable = clientsStructRefs.get(client);
            if (inapplicable != null) {
                // the struct on the stack is the one taken last: it was not applied
                inapplicable.i--;
                restStructs.put(client, new ArrayList<>(inapplicable.refs.subList(inapplicable.i, inapplicable.refs.size())));
                clientsStructRefs.remove(client);
                inapplicable.i = 0;
                inapplicable.refs = new ArrayList<>();
            } else {
                restStructs.put(client, new ArrayList<>(List.of(item)));
            }
            int n = 0;
            for (int k = 0; k < idCount[0]; k++) {
                if (ids[k] != client) {
                    ids[n++] = ids[k];
                }
            }
            idCount[0] = n;
        }
        stack.clear();
        return ids;
    }

    /** The client whose structs this one needs and the store lacks, or {@link #NONE}. */
    private static long getMissing(Struct s, StructStore store) {
        if (!(s instanceof dev.skein.ycrdt.struct.Item item)) {
            return NONE;
        }
        long client = item.client();
        Id origin = item.origin();
        if (origin != null && origin.client() != client && origin.clock() >= store.getState(origin.client())) {
            return origin.client();
        }
        Id ro = item.rightOrigin();
        if (ro != null && ro.client() != client && ro.clock() >= store.getState(ro.client())) {
            return ro.client();
        }
        if (item.parent() instanceof Id p && client != p.client() && p.clock() >= store.getState(p.client())) {
            return p.client();
        }
        return NONE;
    }

    /**
     * Finds the neighbours and parent of an item whose dependencies are all there (the second
     * half of Yjs's {@code getMissing}), splitting the structs at its origins as Yjs does, even
     * when the item turns out to be known already.
     */
    private static Resolved resolve(Transaction transaction, StructStore store, Struct s) {
        if (!(s instanceof dev.skein.ycrdt.struct.Item item)) {
            return null;
        }
        AbstractStruct left = null;
        AbstractStruct right = null;
        Id origin = item.origin();
        Id rightOrigin = item.rightOrigin();
        if (origin != null) {
            left = store.getItemCleanEnd(transaction, origin.client(), origin.clock());
            origin = left instanceof Item l ? l.lastId() : null;
        }
        if (rightOrigin != null) {
            right = store.getItemCleanStart(transaction, rightOrigin.client(), rightOrigin.clock());
            rightOrigin = right.id();
        }
        Object parent = item.parent();
        String parentSub = item.parentSub();
        if (parent instanceof String name) {
            parent = transaction.doc().share().get(name);
        }
        boolean gc = false;
        if (left instanceof GC || right instanceof GC) {
            gc = true;
        } else if (parent == null) {
            if (left instanceof Item l) {
                parent = l.parent;
                parentSub = l.parentSub;
            } else if (right instanceof Item r) {
                parent = r.parent;
                parentSub = r.parentSub;
            }
        } else if (parent instanceof Id pid) {
            AbstractStruct parentItem = store.find(pid.client(), pid.clock());
            if (parentItem instanceof Item pi && pi.content instanceof ContentType ct) {
                parent = ct.type();
            } else {
                parent = null;
            }
        }
        if (parent == null) {
            gc = true;
        }
        return new Resolved((Item) (left instanceof Item ? left : null), (Item) (right instanceof Item ? right : null),
                origin, rightOrigin, parent, parentSub, gc);
    }

    private static void integrate(Transaction transaction, Struct s, Resolved r, long offset) {
        if (s instanceof Gc) {
            new GC(s.client(), s.clock(), s.length()).integrate(transaction, offset);
            return;
        }
        dev.skein.ycrdt.struct.Item ref = (dev.skein.ycrdt.struct.Item) s;
        if (r.gc()) {
            // Yjs integrates such an item as a GC of its ids (its parent is gone)
            long clock = ref.clock() + offset;
            long length = ref.length() - offset;
            if (offset > 0) {
                // Yjs still looks up (and splits at) the id before the part it integrates
                transaction.doc().store().getItemCleanEnd(transaction, ref.client(), clock - 1);
            }
            new GC(ref.client(), clock, length).integrate(transaction, 0);
            return;
        }
        Item item = new Item(ref.client(), ref.clock(), r.left(), r.origin(), r.right(), r.rightOrigin(), r.parent(),
                r.parentSub(), ContentConversion.fromUpdate(ref.content(), transaction.doc()));
        item.integrate(transaction, offset);
    }

    /**
     * Applies a delete set; returns a v2 update with the deletions of ids the store does not have
     * yet, or null.
     */
    static byte[] readAndApplyDeleteSet(DeleteSet ds, Transaction transaction, StructStore store) {
        DeleteSet unapplied = new DeleteSet();
        for (Map.Entry<Long, DeleteSet.Ranges> e : ds.clients().entrySet()) {
            long client = e.getKey();
            DeleteSet.Ranges ranges = e.getValue();
            StructStore.StructList structs = store.structs(client);
            long state = store.getState(client);
            for (int k = 0; k < ranges.size(); k++) {
                long clock = ranges.clock(k);
                long clockEnd = clock + ranges.len(k);
                if (clock < state) {
                    if (state < clockEnd) {
                        unapplied.add(client, state, clockEnd - state);
                    }
                    int index = StructStore.findIndexSS(structs, clock);
                    AbstractStruct struct = structs.get(index);
                    if (!struct.isDeleted() && struct.clock < clock) {
                        structs.insert(index + 1, ((Item) struct).split(transaction, clock - struct.clock));
                        index++;
                    }
                    while (index < structs.size()) {
                        struct = structs.get(index++);
                        if (struct.clock < clockEnd) {
                            if (!struct.isDeleted()) {
                                Item it = (Item) struct;
                                if (clockEnd < it.clock + it.length) {
                                    structs.insert(index, it.split(transaction, clockEnd - it.clock));
                                }
                                it.delete(transaction);
                            }
                        } else {
                            break;
                        }
                    }
                } else {
                    unapplied.add(client, clock, clockEnd - clock);
                }
            }
        }
        if (unapplied.isEmpty()) {
            return null;
        }
        UpdateEncoder encoder = new UpdateEncoderV2();
        encoder.rest().writeVarUint(0);
        unapplied.write(encoder);
        return encoder.toByteArray();
    }
}
