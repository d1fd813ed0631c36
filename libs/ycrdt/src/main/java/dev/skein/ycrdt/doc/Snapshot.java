package dev.skein.ycrdt.doc;

import dev.skein.ycrdt.id.DeleteSet;
import dev.skein.ycrdt.lib0.ByteReader;
import dev.skein.ycrdt.lib0.ByteWriter;
import dev.skein.ycrdt.struct.Struct;
import dev.skein.ycrdt.update.StructReader;
import dev.skein.ycrdt.update.UpdateDecoder;
import dev.skein.ycrdt.update.UpdateDecoderV1;
import dev.skein.ycrdt.update.UpdateEncoder;
import dev.skein.ycrdt.update.UpdateEncoderV1;
import dev.skein.ycrdt.update.UpdateEncoderV2;
import dev.skein.ycrdt.update.UpdateFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A document's state at one moment: its state vector and delete set (Yjs's {@code Snapshot}).
 * With garbage collection off, the document as it was can be rebuilt from it
 * ({@link #createDocFromSnapshot}).
 */
public final class Snapshot {

    private final DeleteSet ds;
    private final ClockMap sv;

    /** A snapshot of the given delete set and state vector. */
    public Snapshot(DeleteSet ds, ClockMap sv) {
        this.ds = ds;
        this.sv = sv;
    }

    /** {@code Y.snapshot(doc)}. */
    public static Snapshot of(Doc doc) {
        return new Snapshot(DocEncoding.deleteSetFromStore(doc.store()), doc.store().getStateVector());
    }

    /** The empty snapshot (nothing visible). */
    public static Snapshot empty() {
        return new Snapshot(new DeleteSet(), new ClockMap());
    }

    /** The delete set. */
    public DeleteSet deleteSet() {
        return ds;
    }

    /** The state vector. */
    public ClockMap stateVector() {
        return sv;
    }

    /** Whether an item existed and was not deleted at this snapshot. */
    public boolean isVisible(Item item) {
        return sv.has(item.client) && sv.get(item.client) > item.clock && !ds.isDeleted(item.client, item.clock);
    }

    /** {@code Y.encodeSnapshot}: delete set then state vector, v1 encoding. */
    public byte[] encode() {
        UpdateEncoder e = new UpdateEncoderV1();
        ds.write(e);
        writeStateVector(e.rest());
        return e.toByteArray();
    }

    /** {@code Y.encodeSnapshotV2}. */
    public byte[] encodeV2() {
        UpdateEncoder e = new UpdateEncoderV2();
        ds.write(e);
        writeStateVector(e.rest());
        return e.rest().toByteArray();
    }

    private void writeStateVector(ByteWriter w) {
        w.writeVarUint(sv.size());
        Integer[] order = new Integer[sv.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(sv.clientAt(b), sv.clientAt(a)));
        for (int i : order) {
            w.writeVarUint(sv.clientAt(i));
            w.writeVarUint(sv.clockAt(i));
        }
    }

    /** {@code Y.decodeSnapshot}. */
    public static Snapshot decode(byte[] bytes) {
        UpdateDecoder d = new UpdateDecoderV1(bytes);
        DeleteSet ds = DeleteSet.read(d);
        return new Snapshot(ds, readStateVector(d.rest()));
    }

    /** {@code Y.decodeSnapshotV2}. */
    public static Snapshot decodeV2(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        DeleteSet ds = new DeleteSet();
        long numClients = r.readVarUint();
        for (long i = 0; i < numClients; i++) {
            long cur = 0;
            long client = r.readVarUint();
            long n = r.readVarUint();
            for (long k = 0; k < n; k++) {
                cur += r.readVarUint();
                long clock = cur;
                long len = r.readVarUint() + 1;
                cur += len;
                ds.add(client, clock, len);
            }
        }
        return new Snapshot(ds, readStateVector(r));
    }

    private static ClockMap readStateVector(ByteReader r) {
        ClockMap m = new ClockMap();
        long n = r.readVarUint();
        for (long i = 0; i < n; i++) {
            long client = r.readVarUint();
            m.put(client, r.readVarUint());
        }
        return m;
    }

    /**
     * Splits the document's items where the snapshot's state vector and delete set start or end,
     * once per transaction (Yjs's {@code splitSnapshotAffectedStructs}).
     */
    public static void splitAffectedStructs(Transaction transaction, Snapshot snapshot) {
        @SuppressWarnings("unchecked")
        Set<Snapshot> done = (Set<Snapshot>) transaction.meta().computeIfAbsent(Snapshot.class,
                k -> java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
        if (done.contains(snapshot)) {
            return;
        }
        StructStore store = transaction.doc().store();
        for (int i = 0; i < snapshot.sv.size(); i++) {
            long client = snapshot.sv.clientAt(i);
            long clock = snapshot.sv.clockAt(i);
            if (clock < store.getState(client)) {
                store.getItemCleanStart(transaction, client, clock);
            }
        }
        store.iterateDeleted(transaction, snapshot.ds, s -> {
        });
        done.add(snapshot);
    }

    /**
     * {@code Y.createDocFromSnapshot}: a document holding what {@code originDoc} held at the
     * snapshot, applied to {@code newDoc} as one update with origin {@code "snapshot"}.
     * {@code originDoc} must not garbage-collect.
     */
    public static Doc createDocFromSnapshot(Doc originDoc, Snapshot snapshot, Doc newDoc) {
        if (originDoc.gc()) {
            throw new IllegalStateException("Garbage-collection must be disabled in `originDoc`!");
        }
        UpdateEncoder encoder = new UpdateEncoderV2();
        originDoc.transact(transaction -> {
            StructStore store = originDoc.store();
            ClockMap sv = snapshot.sv;
            int size = 0;
            for (int i = 0; i < sv.size(); i++) {
                if (sv.clockAt(i) > 0) {
                    size++;
                }
            }
            encoder.rest().writeVarUint(size);
            for (int i = 0; i < sv.size(); i++) {
                long client = sv.clientAt(i);
                long clock = sv.clockAt(i);
                if (clock == 0) {
                    continue;
                }
                if (clock < store.getState(client)) {
                    store.getItemCleanStart(transaction, client, clock);
                }
                StructStore.StructList structs = store.structs(client);
                int lastStructIndex = StructStore.findIndexSS(structs, clock - 1);
                encoder.rest().writeVarUint(lastStructIndex + 1);
                encoder.writeClient(client);
                encoder.rest().writeVarUint(0);
                for (int k = 0; k <= lastStructIndex; k++) {
                    structs.get(k).write(encoder, 0);
                }
            }
            snapshot.ds.write(encoder);
        });
        newDoc.applyUpdate(encoder.toByteArray(), "snapshot", UpdateFormat.V2);
        return newDoc;
    }

    /** {@link #createDocFromSnapshot} into a new document with default options. */
    public static Doc createDocFromSnapshot(Doc originDoc, Snapshot snapshot) {
        return createDocFromSnapshot(originDoc, snapshot, new Doc());
    }

    /** {@code Y.snapshotContainsUpdate}: whether everything the v1 update holds is in the snapshot. */
    public boolean containsUpdate(byte[] update) {
        return containsUpdate(update, UpdateFormat.V1);
    }

    /** {@link #containsUpdate} for either format. */
    public boolean containsUpdate(byte[] update, UpdateFormat format) {
        UpdateDecoder decoder = format.newDecoder(update);
        StructReader reader = new StructReader(decoder, false, update.length);
        for (Struct s = reader.current(); s != null; s = reader.next()) {
            if (sv.get(s.client()) < s.clock() + s.length()) {
                return false;
            }
        }
        DeleteSet merged = DeleteSet.merge(List.of(ds, DeleteSet.read(decoder)));
        return sameDeleteSets(ds, merged);
    }

    private static boolean sameDeleteSets(DeleteSet a, DeleteSet b) {
        if (a.clients().size() != b.clients().size()) {
            return false;
        }
        for (Map.Entry<Long, DeleteSet.Ranges> e : a.clients().entrySet()) {
            DeleteSet.Ranges r2 = b.clients().get(e.getKey());
            DeleteSet.Ranges r1 = e.getValue();
            if (r2 == null || r1.size() != r2.size()) {
                return false;
            }
            for (int i = 0; i < r1.size(); i++) {
                if (r1.clock(i) != r2.clock(i) || r1.len(i) != r2.len(i)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code Y.equalSnapshots}: same state vector and the same delete ranges. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Snapshot other)) {
            return false;
        }
        if (!sv.equals(other.sv)) {
            return false;
        }
        return sameDeleteSets(ds, other.ds);
    }

    @Override
    public int hashCode() {
        return sv.hashCode();
    }

    @Override
    public String toString() {
        return "Snapshot(sv=" + sv + ")";
    }
}
