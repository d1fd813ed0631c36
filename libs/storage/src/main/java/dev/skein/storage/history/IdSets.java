package dev.skein.storage.history;

import dev.skein.ycrdt.id.DeleteSet;
import dev.skein.ycrdt.lib0.ByteReader;
import dev.skein.ycrdt.lib0.ByteWriter;
import dev.skein.ycrdt.YDecodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sets of Yjs ids (per client, clock ranges) held in a {@link DeleteSet}, which is exactly that
 * structure; written as Yjs writes a v1 delete set: client count, then per client its id, range
 * count and (clock, length) pairs, clients in descending order.
 */
final class IdSets {

    private IdSets() {
    }

    /** A sorted, merged copy of the union of the sets. */
    static DeleteSet union(List<DeleteSet> sets) {
        return DeleteSet.merge(sets);
    }

    static DeleteSet copy(DeleteSet set) {
        return DeleteSet.merge(List.of(set));
    }

    static void write(ByteWriter out, DeleteSet set) {
        List<Map.Entry<Long, DeleteSet.Ranges>> entries = new ArrayList<>(set.clients().entrySet());
        entries.removeIf(e -> e.getValue().size() == 0);
        entries.sort((a, b) -> Long.compare(b.getKey(), a.getKey()));
        out.writeVarUint(entries.size());
        for (Map.Entry<Long, DeleteSet.Ranges> e : entries) {
            DeleteSet.Ranges ranges = e.getValue();
            out.writeVarUint(e.getKey());
            out.writeVarUint(ranges.size());
            for (int i = 0; i < ranges.size(); i++) {
                out.writeVarUint(ranges.clock(i));
                out.writeVarUint(ranges.len(i));
            }
        }
    }

    static DeleteSet read(ByteReader in) {
        long clients = in.readVarUint();
        if (clients > in.remaining()) {
            throw new YDecodingException(YDecodingException.Reason.END_OF_BUFFER, in.position(),
                "id set claims " + clients + " clients");
        }
        DeleteSet set = new DeleteSet();
        for (long c = 0; c < clients; c++) {
            long client = in.readVarUint();
            long ranges = in.readVarUint();
            if (ranges > in.remaining()) {
                throw new YDecodingException(YDecodingException.Reason.END_OF_BUFFER, in.position(),
                    "id set claims " + ranges + " ranges");
            }
            for (long r = 0; r < ranges; r++) {
                long clock = in.readVarUint();
                long len = in.readVarUint();
                if (len == 0) {
                    throw new YDecodingException(YDecodingException.Reason.UNEXPECTED_VALUE, in.position(),
                        "empty id range");
                }
                set.add(client, clock, len);
            }
        }
        set.sortAndMerge();
        return set;
    }

    /** Whether the (sorted, merged) set holds any id of {@code [clock, clock + len)} of the client. */
    static boolean overlaps(DeleteSet set, long client, long clock, long len) {
        DeleteSet.Ranges r = set.clients().get(client);
        if (r == null) {
            return false;
        }
        int lo = 0;
        int hi = r.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (r.clock(mid) + r.len(mid) <= clock) {
                lo = mid + 1;
            } else if (r.clock(mid) >= clock + len) {
                hi = mid - 1;
            } else {
                return true;
            }
        }
        return false;
    }
}
