package dev.skein.loadtool.trace;

import dev.skein.ycrdt.id.DeleteSet;
import dev.skein.ycrdt.struct.ContentDeleted;
import dev.skein.ycrdt.struct.ContentString;
import dev.skein.ycrdt.struct.Gc;
import dev.skein.ycrdt.struct.Item;
import dev.skein.ycrdt.struct.Struct;
import dev.skein.ycrdt.update.UpdateFormat;
import dev.skein.ycrdt.update.Updates;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads the visible text of a replayed trace out of an update a server sent (its sync step 2),
 * without a document: every character of the typing client is looked up by clock, and the
 * characters are laid out in the order the replay produced. Checks that a joining client really
 * received the full document, not just some bytes.
 */
public final class DocumentCheck {

    private DocumentCheck() {
    }

    /** The visible text of {@code replay}'s client in {@code update}; missing characters are left out. */
    public static String visibleText(TraceReplay replay, byte[] update) {
        Updates.DecodedUpdate decoded = Updates.decode(update, UpdateFormat.V1);
        int[] order = replay.documentOrder();
        int size = order.length;
        char[] chars = new char[size];
        boolean[] present = new boolean[size];
        boolean[] deleted = new boolean[size];
        for (Struct struct : decoded.structs()) {
            if (struct.client() != replay.client()) {
                continue;
            }
            int from = (int) struct.clock();
            int to = (int) Math.min(size, struct.clock() + struct.length());
            if (struct instanceof Item item && item.content() instanceof ContentString content) {
                for (int clock = from; clock < to; clock++) {
                    chars[clock] = content.str().charAt(clock - from);
                    present[clock] = true;
                }
            } else if (struct instanceof Gc || struct instanceof Item item && item.content() instanceof ContentDeleted) {
                Arrays.fill(present, from, to, true);
                Arrays.fill(deleted, from, to, true);
            }
        }
        markDeleted(decoded.deleteSet(), replay.client(), deleted);
        StringBuilder text = new StringBuilder(size);
        for (int clock : order) {
            if (present[clock] && !deleted[clock]) {
                text.append(chars[clock]);
            }
        }
        return text.toString();
    }

    private static void markDeleted(DeleteSet deleteSet, long client, boolean[] deleted) {
        for (Map.Entry<Long, DeleteSet.Ranges> entry : deleteSet.clients().entrySet()) {
            if (entry.getKey() != client) {
                continue;
            }
            DeleteSet.Ranges ranges = entry.getValue();
            for (int i = 0; i < ranges.size(); i++) {
                int from = (int) Math.min(deleted.length, ranges.clock(i));
                int to = (int) Math.min(deleted.length, ranges.clock(i) + ranges.len(i));
                Arrays.fill(deleted, from, to, true);
            }
        }
    }
}
