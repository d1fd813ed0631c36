package dev.skein.ycrdt.update;

import dev.skein.ycrdt.id.DeleteSet;
import dev.skein.ycrdt.struct.Skip;
import dev.skein.ycrdt.struct.Struct;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges updates without a document, producing the bytes Yjs's {@code mergeUpdates} produces: the
 * same step-by-step algorithm, with the readers visited in Yjs's order ({@link DecoderOrder}).
 */
final class UpdateMerger {

    private UpdateMerger() {
    }

    static byte[] merge(List<byte[]> updates, UpdateFormat format) {
        if (updates.size() == 1) {
            return updates.get(0);
        }
        UpdateEncoder encoder = format.newEncoder();
        StructWriter writer = new StructWriter(encoder);
        DeleteSet ds = mergeInto(updates, format, s -> writer.write(s, 0));
        writer.finish();
        ds.write(encoder);
        return encoder.toByteArray();
    }

    /**
     * Streams the merged structs of {@code updates} to {@code sink} in the order Yjs writes them
     * and returns the merged delete set.
     */
    static DeleteSet mergeInto(List<byte[]> updates, UpdateFormat format, java.util.function.Consumer<Struct> sink) {
        List<StructReader> readers = new ArrayList<>(updates.size());
        for (byte[] u : updates) {
            readers.add(new StructReader(format.newDecoder(u), true, u.length));
        }
        DecoderOrder order = new DecoderOrder(readers);
        Struct currWrite = null;

        for (StructReader currDecoder = order.next(); currDecoder != null; currDecoder = order.next()) {
            long firstClient = currDecoder.current().client();
            if (currWrite != null) {
                Struct curr = currDecoder.current();
                boolean iterated = false;
                // skip what has been written already (higher clients are written first)
                while (curr != null && curr.end() <= currWrite.end() && curr.client() >= currWrite.client()) {
                    curr = currDecoder.next();
                    iterated = true;
                }
                if (curr == null || curr.client() != firstClient || (iterated && curr.clock() > currWrite.end())) {
                    order.putBack(currDecoder);
                    continue;
                }
                if (firstClient != currWrite.client()) {
                    sink.accept(currWrite);
                    currWrite = curr;
                    currDecoder.next();
                } else if (currWrite.end() < curr.clock()) {
                    if (currWrite instanceof Skip skip) {
                        skip.setLength(curr.clock() + curr.length() - currWrite.clock());
                    } else {
                        sink.accept(currWrite);
                        long diff = curr.clock() - currWrite.end();
                        currWrite = new Skip(firstClient, currWrite.end(), diff);
                    }
                } else {
                    long diff = currWrite.end() - curr.clock();
                    if (diff > 0) {
                        if (currWrite instanceof Skip skip) {
                            skip.setLength(skip.length() - diff);
                        } else {
                            curr = curr.sliceFrom(diff);
                        }
                    }
                    if (!currWrite.mergeWith(curr)) {
                        sink.accept(currWrite);
                        currWrite = curr;
                        currDecoder.next();
                    }
                }
            } else {
                currWrite = currDecoder.current();
                currDecoder.next();
            }
            for (Struct next = currDecoder.current();
                    next != null && next.client() == firstClient && next.clock() == currWrite.end() && !(next instanceof Skip);
                    next = currDecoder.next()) {
                sink.accept(currWrite);
                currWrite = next;
            }
            order.putBack(currDecoder);
        }
        if (currWrite != null) {
            sink.accept(currWrite);
        }

        List<DeleteSet> sets = new ArrayList<>(readers.size());
        for (StructReader r : readers) {
            sets.add(DeleteSet.read(r.decoder()));
        }
        return DeleteSet.merge(sets);
    }
}
