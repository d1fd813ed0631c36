package dev.skein.ycrdt.doc;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every struct of a document, per client in clock order without gaps (Yjs's {@code StructStore}),
 * plus the updates waiting for missing dependencies.
 */
public final class StructStore {

    /** One client's structs, ordered by clock and contiguous. */
    public static final class StructList {
        private AbstractStruct[] a = new AbstractStruct[4];
        private int size;

        /** Number of structs. */
        public int size() {
            return size;
        }

        /** The i-th struct. */
        public AbstractStruct get(int i) {
            return a[i];
        }

        void set(int i, AbstractStruct s) {
            a[i] = s;
        }

        AbstractStruct last() {
            return a[size - 1];
        }

        void add(AbstractStruct s) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
            }
            a[size++] = s;
        }

        void insert(int i, AbstractStruct s) {
            if (size == a.length) {
                a = Arrays.copyOf(a, size * 2);
            }
            System.arraycopy(a, i, a, i + 1, size - i);
            a[i] = s;
            size++;
        }

        /** Removes {@code count} structs starting at {@code from}. */
        void remove(int from, int count) {
            System.arraycopy(a, from + count, a, from, size - from - count);
            Arrays.fill(a, size - count, size, null);
            size -= count;
        }
    }

    /** An update whose structs wait for other clients' structs (Yjs's {@code pendingStructs}). */
    record PendingStructs(ClockMap missing, byte[] update) {
    }

    private final Map<Long, StructList> clients = new LinkedHashMap<>();
    /** The last client looked up, to skip the map on runs of one client's operations. */
    private long lastClient = -1;
    private StructList lastList;
    PendingStructs pendingStructs;
    /** A v2 update holding deletions of ids not yet known. */
    byte[] pendingDs;

    /** Each client's structs, in the order clients first appeared. */
    public Map<Long, StructList> clients() {
        return clients;
    }

    /** One client's structs, or null. */
    public StructList structs(long client) {
        if (client == lastClient && lastList != null) {
            return lastList;
        }
        StructList l = clients.get(client);
        if (l != null) {
            lastClient = client;
            lastList = l;
        }
        return l;
    }

    /** The next clock expected from {@code client}. */
    public long getState(long client) {
        StructList l = structs(client);
        if (l == null) {
            return 0;
        }
        AbstractStruct s = l.last();
        return s.clock + s.length;
    }

    /** The state vector, clients in the order they first appeared. */
    public ClockMap getStateVector() {
        ClockMap sm = new ClockMap(clients.size());
        for (Map.Entry<Long, StructList> e : clients.entrySet()) {
            AbstractStruct s = e.getValue().last();
            sm.put(e.getKey(), s.clock + s.length);
        }
        return sm;
    }

    /** Whether updates wait for missing structs or deletions. */
    public boolean hasPending() {
        return pendingStructs != null || pendingDs != null;
    }

    void addStruct(AbstractStruct struct) {
        StructList l = structs(struct.client);
        if (l == null) {
            l = new StructList();
            clients.put(struct.client, l);
            lastClient = struct.client;
            lastList = l;
        } else {
            AbstractStruct last = l.last();
            if (last.clock + last.length != struct.clock) {
                throw new IllegalStateException("struct " + struct + " does not follow " + last);
            }
        }
        l.add(struct);
    }

    /** Index of the struct holding {@code clock} (binary search, first guess by proportion as Yjs does). */
    static int findIndexSS(StructList structs, long clock) {
        int left = 0;
        int right = structs.size() - 1;
        AbstractStruct mid = structs.get(right);
        long midClock = mid.clock;
        if (midClock == clock) {
            return right;
        }
        int midIndex = (int) Math.floor(((double) clock / (midClock + mid.length - 1)) * right);
        while (left <= right) {
            if (midIndex < left || midIndex > right) {
                midIndex = (left + right) >>> 1;
            }
            mid = structs.get(midIndex);
            midClock = mid.clock;
            if (midClock <= clock) {
                if (clock < midClock + mid.length) {
                    return midIndex;
                }
                left = midIndex + 1;
            } else {
                right = midIndex - 1;
            }
            midIndex = (left + right) >>> 1;
        }
        throw new IllegalStateException("clock " + clock + " is not in the store");
    }

    /** The struct holding the id; the id must exist. */
    public AbstractStruct find(long client, long clock) {
        StructList l = structs(client);
        if (l == null) {
            throw new IllegalStateException("client " + client + " is not in the store");
        }
        return l.get(findIndexSS(l, clock));
    }

    /** Index of the struct starting at {@code clock}, splitting an item that spans it. */
    static int findIndexCleanStart(Transaction transaction, StructList structs, long clock) {
        int index = findIndexSS(structs, clock);
        AbstractStruct s = structs.get(index);
        if (s.clock < clock && s instanceof Item item) {
            structs.insert(index + 1, item.split(transaction, clock - s.clock));
            return index + 1;
        }
        return index;
    }

    /** The struct starting at the id, splitting an item that spans it (Yjs's {@code getItemCleanStart}). */
    public AbstractStruct getItemCleanStart(Transaction transaction, long client, long clock) {
        StructList l = structs(client);
        return l.get(findIndexCleanStart(transaction, l, clock));
    }

    /** The struct ending at the id, splitting an item that spans past it (Yjs's {@code getItemCleanEnd}). */
    public AbstractStruct getItemCleanEnd(Transaction transaction, long client, long clock) {
        StructList l = structs(client);
        int index = findIndexSS(l, clock);
        AbstractStruct s = l.get(index);
        if (clock != s.clock + s.length - 1 && s instanceof Item item) {
            l.insert(index + 1, item.split(transaction, clock - s.clock + 1));
        }
        return s;
    }

    void replaceStruct(AbstractStruct struct, AbstractStruct newStruct) {
        StructList l = structs(struct.client);
        l.set(findIndexSS(l, struct.clock), newStruct);
    }

    /** Calls {@code f} for every struct of the range, split so that the range starts and ends clean. */
    static void iterateStructs(Transaction transaction, StructList structs, long clockStart, long len,
                               Consumer<AbstractStruct> f) {
        if (len == 0) {
            return;
        }
        long clockEnd = clockStart + len;
        int index = findIndexCleanStart(transaction, structs, clockStart);
        AbstractStruct s;
        do {
            s = structs.get(index++);
            if (clockEnd < s.clock + s.length) {
                findIndexCleanStart(transaction, structs, clockEnd);
            }
            f.accept(s);
        } while (index < structs.size() && structs.get(index).clock < clockEnd);
    }

    /**
     * Calls {@code f} for every struct of {@code client} from {@code clockStart} for {@code len}
     * ids, splitting items so that the range starts and ends on struct boundaries.
     */
    public void iterate(Transaction transaction, long client, long clockStart, long len, Consumer<AbstractStruct> f) {
        StructList l = structs(client);
        if (l != null) {
            iterateStructs(transaction, l, clockStart, len, f);
        }
    }

    /** Calls {@code f} for every struct in the delete set's ranges (Yjs's {@code iterateDeletedStructs}). */
    public void iterateDeleted(Transaction transaction, dev.skein.ycrdt.id.DeleteSet ds, Consumer<AbstractStruct> f) {
        for (Map.Entry<Long, dev.skein.ycrdt.id.DeleteSet.Ranges> e : ds.clients().entrySet()) {
            StructList structs = structs(e.getKey());
            if (structs == null) {
                continue;
            }
            AbstractStruct last = structs.last();
            long clockState = last.clock + last.length;
            dev.skein.ycrdt.id.DeleteSet.Ranges r = e.getValue();
            for (int i = 0; i < r.size() && r.clock(i) < clockState; i++) {
                iterateStructs(transaction, structs, r.clock(i), r.len(i), f);
            }
        }
    }

    /** Number of structs over all clients (for tests and diagnostics). */
    public int structCount() {
        int n = 0;
        for (StructList l : clients.values()) {
            n += l.size();
        }
        return n;
    }
}
