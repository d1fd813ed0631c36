package dev.skein.ycrdt.id;

import dev.skein.ycrdt.update.UpdateDecoder;
import dev.skein.ycrdt.update.UpdateEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deleted id ranges per client, as written at the end of every Yjs update.
 *
 * <p>Ranges are kept in flat {@code long} arrays (clock, len pairs) because a merge of many
 * updates handles hundreds of thousands of them.
 */
public final class DeleteSet {

    /** Per client: clock/len pairs in insertion order, [clock0, len0, clock1, len1, ...]. */
    private final Map<Long, Ranges> clients;

    public DeleteSet() {
        this(new LinkedHashMap<>());
    }

    /** Most updates carry no deletions; those share an immutable empty map (merges read hundreds of thousands). */
    private DeleteSet(Map<Long, Ranges> clients) {
        this.clients = clients;
    }

    /** A growable list of (clock, len) pairs. */
    public static final class Ranges {
        long[] data = new long[4];
        int size; // number of pairs

        void add(long clock, long len) {
            if (size * 2 == data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            data[size * 2] = clock;
            data[size * 2 + 1] = len;
            size++;
        }

        void addAll(Ranges other) {
            for (int i = 0; i < other.size; i++) {
                add(other.data[i * 2], other.data[i * 2 + 1]);
            }
        }

        public int size() {
            return size;
        }

        public long clock(int i) {
            return data[i * 2];
        }

        public long len(int i) {
            return data[i * 2 + 1];
        }
    }

    public Map<Long, Ranges> clients() {
        return clients;
    }

    public boolean isEmpty() {
        return clients.isEmpty();
    }

    /** Adds a deleted range. */
    public void add(long client, long clock, long len) {
        clients.computeIfAbsent(client, c -> new Ranges()).add(clock, len);
    }

    /** Whether the id lies inside a deleted range (ranges must be sorted and merged). */
    public boolean isDeleted(long client, long clock) {
        Ranges r = clients.get(client);
        if (r == null) {
            return false;
        }
        int lo = 0;
        int hi = r.size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long c = r.clock(mid);
            if (clock < c) {
                hi = mid - 1;
            } else if (clock >= c + r.len(mid)) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** Reads a delete set as Yjs's {@code readDeleteSet} does (clients with no ranges are dropped). */
    public static DeleteSet read(UpdateDecoder decoder) {
        var rest = decoder.rest();
        long numClients = rest.readVarUint();
        DeleteSet ds = new DeleteSet(numClients == 0 ? Map.of() : new LinkedHashMap<>());
        for (long i = 0; i < numClients; i++) {
            decoder.resetDsCurVal();
            long client = rest.readVarUint();
            long n = rest.readVarUint();
            if (n > rest.remaining()) {
                throw new dev.skein.ycrdt.YDecodingException(dev.skein.ycrdt.YDecodingException.Reason.END_OF_BUFFER,
                        rest.position(), "delete set claims " + n + " ranges");
            }
            if (n > 0) {
                Ranges r = ds.clients.computeIfAbsent(client, c -> new Ranges());
                for (long k = 0; k < n; k++) {
                    long clock = decoder.readDsClock();
                    long len = decoder.readDsLen();
                    r.add(clock, len);
                }
            }
        }
        return ds;
    }

    /** Writes with clients in descending order, ranges as they are (Yjs's {@code writeDeleteSet}). */
    public void write(UpdateEncoder encoder) {
        var rest = encoder.rest();
        rest.writeVarUint(clients.size());
        List<Map.Entry<Long, Ranges>> entries = new ArrayList<>(clients.entrySet());
        entries.sort((a, b) -> Long.compare(b.getKey(), a.getKey()));
        for (Map.Entry<Long, Ranges> e : entries) {
            encoder.resetDsCurVal();
            rest.writeVarUint(e.getKey());
            Ranges r = e.getValue();
            rest.writeVarUint(r.size);
            for (int i = 0; i < r.size; i++) {
                encoder.writeDsClock(r.clock(i));
                encoder.writeDsLen(r.len(i));
            }
        }
    }

    /**
     * Yjs's {@code mergeDeleteSets}: the ranges of every set per client (in order of first
     * appearance), then each client's ranges sorted by clock and overlapping or adjacent ranges
     * joined.
     */
    public static DeleteSet merge(List<DeleteSet> sets) {
        DeleteSet merged = new DeleteSet();
        for (int i = 0; i < sets.size(); i++) {
            for (Map.Entry<Long, Ranges> e : sets.get(i).clients.entrySet()) {
                if (!merged.clients.containsKey(e.getKey())) {
                    Ranges all = new Ranges();
                    all.addAll(e.getValue());
                    for (int j = i + 1; j < sets.size(); j++) {
                        Ranges more = sets.get(j).clients.get(e.getKey());
                        if (more != null) {
                            all.addAll(more);
                        }
                    }
                    merged.clients.put(e.getKey(), all);
                }
            }
        }
        merged.sortAndMerge();
        return merged;
    }

    /**
     * The ids deleted in both sets. Both must be sorted and merged ({@link #sortAndMerge}); so is
     * the result.
     */
    public static DeleteSet intersection(DeleteSet a, DeleteSet b) {
        DeleteSet out = new DeleteSet();
        for (Map.Entry<Long, Ranges> e : a.clients.entrySet()) {
            Ranges other = b.clients.get(e.getKey());
            if (other == null) {
                continue;
            }
            Ranges mine = e.getValue();
            int i = 0;
            int j = 0;
            while (i < mine.size && j < other.size) {
                long start = Math.max(mine.clock(i), other.clock(j));
                long endA = mine.clock(i) + mine.len(i);
                long endB = other.clock(j) + other.len(j);
                long end = Math.min(endA, endB);
                if (start < end) {
                    out.add(e.getKey(), start, end - start);
                }
                if (endA <= endB) {
                    i++;
                } else {
                    j++;
                }
            }
        }
        return out;
    }

    /** Sorts each client's ranges by clock and joins overlapping or adjacent ones. */
    public void sortAndMerge() {
        for (Ranges r : clients.values()) {
            sortAndMerge(r);
        }
    }

    private static void sortAndMerge(Ranges r) {
        int n = r.size;
        if (n == 0) {
            return;
        }
        boolean sorted = true;
        for (int i = 1; i < n && sorted; i++) {
            sorted = r.clock(i - 1) <= r.clock(i);
        }
        if (!sorted) {
            Integer[] idx = new Integer[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            long[] d = r.data;
            Arrays.sort(idx, (a, b) -> Long.compare(d[a * 2], d[b * 2]));
            long[] out = new long[Math.max(4, n * 2)];
            for (int i = 0; i < n; i++) {
                out[i * 2] = d[idx[i] * 2];
                out[i * 2 + 1] = d[idx[i] * 2 + 1];
            }
            r.data = out;
        }
        long[] d = r.data;
        int j = 1;
        for (int i = 1; i < n; i++) {
            long lc = d[(j - 1) * 2];
            long ll = d[(j - 1) * 2 + 1];
            long rc = d[i * 2];
            long rl = d[i * 2 + 1];
            if (lc + ll >= rc) {
                d[(j - 1) * 2 + 1] = Math.max(ll, rc + rl - lc);
            } else {
                d[j * 2] = rc;
                d[j * 2 + 1] = rl;
                j++;
            }
        }
        r.size = j;
    }
}
