package dev.skein.ycrdt.update;

import dev.skein.ycrdt.struct.Gc;
import dev.skein.ycrdt.struct.Skip;
import dev.skein.ycrdt.struct.Struct;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The order in which the merge visits its struct readers: the order Yjs's merge finds after
 * re-sorting its reader array before every step.
 *
 * <p>Yjs's comparator is consistent except for one case: a {@link Gc} and an Item at the same id
 * compare as "first" both ways. While no such pair exists among the readers' current structs,
 * every sort is an ordinary stable sort of an array that differs from the last sorted one only in
 * its first element (the reader just consumed from), so a priority queue keyed by (client
 * descending, clock ascending, most recently moved first) gives the same order in O(log n) a step.
 * Once such a pair appears, the result depends on the exact comparisons V8's sort makes; from then
 * on the array is kept and sorted with {@link JsArraySort}, as Yjs does (quadratic, like Yjs).
 */
final class DecoderOrder {

    private record Key(long client, long clock) {
    }

    private final PriorityQueue<StructReader> queue;
    private long counter;
    /** Per id: {gc readers, item readers} at it; only kept once a GC has been seen. */
    private Map<Key, int[]> kinds;
    private boolean mixedTie;
    /** Non-null in exact mode: the array Yjs sorts, with its current first element at index 0. */
    private StructReader[] array;
    private int size;
    private StructReader inHand;

    DecoderOrder(List<StructReader> readers) {
        queue = new PriorityQueue<>(Math.max(1, readers.size()), DecoderOrder::stableOrder);
        List<StructReader> live = new ArrayList<>(readers.size());
        for (StructReader r : readers) {
            if (r.current() != null) {
                live.add(r);
            }
        }
        boolean anyGc = live.stream().anyMatch(r -> r.current() instanceof Gc);
        if (anyGc) {
            kinds = new HashMap<>();
            for (StructReader r : live) {
                count(r, 1);
            }
        }
        if (mixedTie) {
            array = live.toArray(new StructReader[0]);
            size = array.length;
            return;
        }
        for (int i = 0; i < live.size(); i++) {
            StructReader r = live.get(i);
            r.seq = -i; // the first sort is stable over the input order
            queue.add(r);
        }
    }

    /** Yjs's comparator: client descending, clock ascending, then the inconsistent kind rule. */
    private static int yjsOrder(StructReader d1, StructReader d2) {
        Struct a = d1.current();
        Struct b = d2.current();
        if (a.client() == b.client()) {
            if (a.clock() == b.clock()) {
                return a.getClass() == b.getClass() ? 0 : a instanceof Skip ? 1 : -1;
            }
            return a.clock() < b.clock() ? -1 : 1;
        }
        return b.client() < a.client() ? -1 : 1;
    }

    private static int stableOrder(StructReader a, StructReader b) {
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

    private void count(StructReader r, int delta) {
        Struct s = r.current();
        int[] c = kinds.computeIfAbsent(new Key(s.client(), s.clock()), k -> new int[2]);
        c[s instanceof Gc ? 0 : 1] += delta;
        if (c[0] > 0 && c[1] > 0) {
            mixedTie = true;
        }
    }

    /** The reader to consume from next, or null when every reader is done. */
    StructReader next() {
        if (array != null) {
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (array[i].current() != null) {
                    array[n++] = array[i];
                }
            }
            for (int i = n; i < size; i++) {
                array[i] = null;
            }
            size = n;
            JsArraySort.sort(array, size, DecoderOrder::yjsOrder);
            return size == 0 ? null : array[0];
        }
        inHand = queue.poll();
        if (inHand != null && kinds != null) {
            count(inHand, -1);
        }
        return inHand;
    }

    /** Hands back the reader returned by {@link #next()} after consuming from it. */
    void putBack(StructReader r) {
        if (array != null || r.current() == null) {
            return;
        }
        if (kinds == null && r.current() instanceof Gc) {
            kinds = new HashMap<>();
            for (StructReader q : queue) {
                count(q, 1);
            }
        }
        if (kinds != null) {
            count(r, 1);
        }
        if (mixedTie) {
            // switch to exact mode: the array Yjs would sort now is this reader followed by the
            // others in their last sorted order
            List<StructReader> rest = new ArrayList<>(queue.size() + 1);
            rest.add(r);
            while (!queue.isEmpty()) {
                rest.add(queue.poll());
            }
            array = rest.toArray(new StructReader[0]);
            size = array.length;
            return;
        }
        r.seq = ++counter;
        queue.add(r);
    }
}
