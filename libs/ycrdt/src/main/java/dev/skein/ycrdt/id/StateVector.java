package dev.skein.ycrdt.id;

import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.lib0.ByteReader;
import dev.skein.ycrdt.lib0.ByteWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A state vector: for each client, the next clock expected from it (everything below is known).
 * Encoded as a var-uint count followed by (client, clock) var-uint pairs; the encoder writes clients
 * in descending order as Yjs does.
 */
public final class StateVector {

    private final Map<Long, Long> clocks;

    public StateVector(Map<Long, Long> clocks) {
        this.clocks = new LinkedHashMap<>(clocks);
    }

    public static StateVector empty() {
        return new StateVector(Map.of());
    }

    /** The clock for {@code client}, 0 when it is unknown. */
    public long get(long client) {
        Long c = clocks.get(client);
        return c == null ? 0 : c;
    }

    /** All entries, in decoding order. */
    public Map<Long, Long> asMap() {
        return Collections.unmodifiableMap(clocks);
    }

    /** Decodes a state vector (the same bytes in update formats v1 and v2). */
    public static StateVector decode(byte[] bytes) {
        ByteReader r = new ByteReader(bytes);
        long n = r.readVarUint();
        if (n > r.remaining() / 2) {
            throw new YDecodingException(YDecodingException.Reason.END_OF_BUFFER, r.position(),
                    "state vector claims " + n + " entries");
        }
        Map<Long, Long> m = new LinkedHashMap<>();
        for (long i = 0; i < n; i++) {
            long client = r.readVarUint();
            long clock = r.readVarUint();
            m.put(client, clock);
        }
        return new StateVector(m);
    }

    /** Encodes with clients in descending order, as {@code Y.encodeStateVector} does. */
    public byte[] encode() {
        ByteWriter w = new ByteWriter(4 + clocks.size() * 10);
        w.writeVarUint(clocks.size());
        List<Map.Entry<Long, Long>> entries = new ArrayList<>(clocks.entrySet());
        entries.sort((a, b) -> Long.compare(b.getKey(), a.getKey()));
        for (Map.Entry<Long, Long> e : entries) {
            w.writeVarUint(e.getKey());
            w.writeVarUint(e.getValue());
        }
        return w.toByteArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateVector sv && sv.clocks.equals(clocks);
    }

    @Override
    public int hashCode() {
        return clocks.hashCode();
    }

    @Override
    public String toString() {
        return "StateVector" + clocks;
    }
}
