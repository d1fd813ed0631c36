package dev.skein.ycrdt.doc;

import dev.skein.ycrdt.id.StateVector;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Client → clock, in insertion order, without boxing: every transaction takes a state vector
 * before and after, and documents rarely have more than a handful of clients.
 */
public final class ClockMap {

    private static final int LINEAR_LIMIT = 16;

    private long[] clients;
    private long[] clocks;
    private int size;
    /** Index by client once the map outgrows a linear scan. */
    private HashMap<Long, Integer> index;

    /** An empty map. */
    public ClockMap() {
        this(4);
    }

    ClockMap(int capacity) {
        clients = new long[Math.max(1, capacity)];
        clocks = new long[Math.max(1, capacity)];
    }

    /** The entries of {@code sv}, in its order. */
    public static ClockMap of(StateVector sv) {
        ClockMap m = new ClockMap(sv.asMap().size());
        sv.asMap().forEach(m::put);
        return m;
    }

    /** Number of clients. */
    public int size() {
        return size;
    }

    /** The i-th client in insertion order. */
    public long clientAt(int i) {
        return clients[i];
    }

    /** The i-th clock in insertion order. */
    public long clockAt(int i) {
        return clocks[i];
    }

    private int indexOf(long client) {
        if (index != null) {
            Integer i = index.get(client);
            return i == null ? -1 : i;
        }
        for (int i = 0; i < size; i++) {
            if (clients[i] == client) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the client has an entry. */
    public boolean has(long client) {
        return indexOf(client) >= 0;
    }

    /** The clock of {@code client}, 0 when absent. */
    public long get(long client) {
        int i = indexOf(client);
        return i < 0 ? 0 : clocks[i];
    }

    /** Sets the clock of {@code client}; a new client goes last. */
    public void put(long client, long clock) {
        int i = indexOf(client);
        if (i >= 0) {
            clocks[i] = clock;
            return;
        }
        if (size == clients.length) {
            clients = Arrays.copyOf(clients, size * 2);
            clocks = Arrays.copyOf(clocks, size * 2);
        }
        clients[size] = client;
        clocks[size] = clock;
        if (index != null) {
            index.put(client, size);
        } else if (size + 1 > LINEAR_LIMIT) {
            index = new HashMap<>();
            for (int k = 0; k <= size; k++) {
                index.put(clients[k], k);
            }
        }
        size++;
    }

    /** As a public state vector (same order). */
    public StateVector toStateVector() {
        Map<Long, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            m.put(clients[i], clocks[i]);
        }
        return new StateVector(m);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ClockMap other) || other.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (!other.has(clients[i]) || other.get(clients[i]) != clocks[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        long h = 0;
        for (int i = 0; i < size; i++) {
            h += clients[i] * 31 + clocks[i];
        }
        return Long.hashCode(h);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "" : ", ").append(clients[i]).append('=').append(clocks[i]);
        }
        return sb.append('}').toString();
    }
}
