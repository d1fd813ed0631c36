package dev.skein.ycrdt.doc;

import dev.skein.ycrdt.id.DeleteSet;
import dev.skein.ycrdt.id.StateVector;
import dev.skein.ycrdt.update.UpdateEncoder;
import dev.skein.ycrdt.update.UpdateFormat;
import dev.skein.ycrdt.update.Updates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writing a document's structs and delete set (Yjs's {@code writeStateAsUpdate} and friends). */
final class DocEncoding {

    private DocEncoding() {
    }

    /**
     * Writes every struct the store has beyond {@code sm} (clients absent there: all), clients in
     * descending order (Yjs's {@code writeClientsStructs}).
     */
    static void writeClientsStructs(UpdateEncoder encoder, StructStore store, ClockMap sm) {
        ClockMap filtered = new ClockMap();
        for (int i = 0; i < sm.size(); i++) {
            long client = sm.clientAt(i);
            if (store.getState(client) > sm.clockAt(i)) {
                filtered.put(client, sm.clockAt(i));
            }
        }
        for (Long client : store.clients().keySet()) {
            if (!sm.has(client)) {
                filtered.put(client, 0);
            }
        }
        encoder.rest().writeVarUint(filtered.size());
        int n = filtered.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(filtered.clientAt(b), filtered.clientAt(a)));
        for (int k : order) {
            long client = filtered.clientAt(k);
            writeStructs(encoder, store.structs(client), client, filtered.clockAt(k));
        }
    }

    private static void writeStructs(UpdateEncoder encoder, StructStore.StructList structs, long client, long clock) {
        clock = Math.max(clock, structs.get(0).clock);
        int start = StructStore.findIndexSS(structs, clock);
        encoder.rest().writeVarUint(structs.size() - start);
        encoder.writeClient(client);
        encoder.rest().writeVarUint(clock);
        AbstractStruct first = structs.get(start);
        first.write(encoder, clock - first.clock);
        for (int i = start + 1; i < structs.size(); i++) {
            structs.get(i).write(encoder, 0);
        }
    }

    /** The deleted ranges of the store, joined (Yjs's {@code createDeleteSetFromStructStore}). */
    static DeleteSet deleteSetFromStore(StructStore store) {
        DeleteSet ds = new DeleteSet();
        for (Map.Entry<Long, StructStore.StructList> e : store.clients().entrySet()) {
            StructStore.StructList structs = e.getValue();
            for (int i = 0; i < structs.size(); i++) {
                AbstractStruct s = structs.get(i);
                if (s.isDeleted()) {
                    long clock = s.clock;
                    long len = s.length;
                    while (i + 1 < structs.size() && structs.get(i + 1).isDeleted()) {
                        len += structs.get(++i).length;
                    }
                    ds.add(e.getKey(), clock, len);
                }
            }
        }
        return ds;
    }

    /** {@code encodeStateAsUpdate[V2](doc, sv)}, pending structs and deletions included. */
    static byte[] encodeStateAsUpdate(Doc doc, byte[] targetStateVector, UpdateFormat format) {
        byte[] sv = targetStateVector == null ? new byte[] {0} : targetStateVector;
        UpdateEncoder encoder = format.newEncoder();
        StructStore store = doc.store();
        writeClientsStructs(encoder, store, ClockMap.of(StateVector.decode(sv)));
        deleteSetFromStore(store).write(encoder);
        List<byte[]> updates = new ArrayList<>(3);
        updates.add(encoder.toByteArray());
        if (store.pendingDs != null) {
            updates.add(store.pendingDs);
        }
        if (store.pendingStructs != null) {
            updates.add(Updates.diffUpdateV2(store.pendingStructs.update(), sv));
        }
        if (updates.size() > 1) {
            if (format == UpdateFormat.V1) {
                for (int i = 1; i < updates.size(); i++) {
                    updates.set(i, Updates.convertUpdateFormatV2ToV1(updates.get(i)));
                }
                return Updates.mergeUpdates(updates);
            }
            return Updates.mergeUpdatesV2(updates);
        }
        return updates.get(0);
    }
}
