package dev.skein.ycrdt.update;

import dev.skein.ycrdt.id.DeleteSet;
import dev.skein.ycrdt.struct.Skip;
import dev.skein.ycrdt.struct.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges updates without a document, producing the bytes Yjs's {@code mergeUpdates} produces.
 *
 * <p>Yjs re-sorts all its struct readers before every step, which makes one merge quadratic in the
 * number of inputs. Only the reader that was just consumed from changes between two sorts, and
 * JavaScript's sort is stable, so the order Yjs sees is: by client descending, clock ascending, and
 * among equal ids the reader that moved most recently first (initially: the earlier input first).
 * A priority queue keyed that way visits readers in the same order in O(log n) a step.
 */
final class UpdateMerger {

    private UpdateMerger() {
    }

    private static int compare(StructReader a, StructReader b) {
        Struct x = a.current();
        Struct y = b.current();
        if (x.client() != y.client()) {
            return Long.compare(y.client(), x.client());
        }
        if (x.clock() != y.clock()) {
            return Long.compare(x.clock(), y.clock());
        }
        return Long.compare(b.seq, a.seq);
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
        PriorityQueue<StructReader> queue = new PriorityQueue<>(Math.max(1, updates.size()), UpdateMerger::compare);
        for (int i = 0; i < updates.size(); i++) {
            byte[] u = updates.get(i);
            StructReader r = new StructReader(format.newDecoder(u), true, u.length);
            readers.add(r);
            if (r.current() != null) {
                r.seq = -i;
                queue.add(r);
            }
        }
        long counter = 0;
        Struct currWrite = null;

        while (!queue.isEmpty()) {
            StructReader currDecoder = queue.poll();
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
                    counter = requeue(queue, currDecoder, counter);
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
            counter = requeue(queue, currDecoder, counter);
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

    private static long requeue(PriorityQueue<StructReader> queue, StructReader r, long counter) {
        if (r.current() != null) {
            r.seq = ++counter;
            queue.add(r);
        }
        return counter;
    }
}
