package dev.skein.loadtool.trace;

import dev.skein.loadtool.text.TextUpdates;
import dev.skein.ycrdt.id.DeleteSet;
import dev.skein.ycrdt.id.Id;
import dev.skein.ycrdt.update.StructWriter;
import dev.skein.ycrdt.update.UpdateEncoder;
import dev.skein.ycrdt.update.UpdateFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Replays a sequential trace as one Yjs client typing into a root {@code Y.Text}: one update per
 * patch part (an insertion, or the deletion of a run), with the origins Y.Text would give each
 * insertion. The result is what a browser would have sent keystroke by keystroke.
 */
public final class TraceReplay {

    private final List<byte[]> updates;
    private final int[] documentOrder;
    private final long client;
    private final String root;

    private TraceReplay(List<byte[]> updates, int[] documentOrder, long client, String root) {
        this.updates = updates;
        this.documentOrder = documentOrder;
        this.client = client;
        this.root = root;
    }

    /** Replays {@code trace} as {@code client} typing into the root text {@code root}. */
    public static TraceReplay of(EditTrace trace, long client, String root) {
        if (!trace.startContent().isEmpty()) {
            throw new IllegalArgumentException("traces with a start content are not supported");
        }
        IdSequence sequence = new IdSequence();
        List<byte[]> updates = new ArrayList<>(trace.patches().size());
        int clock = 0;
        for (EditTrace.Patch patch : trace.patches()) {
            if (patch.delete() > 0) {
                int[] deleted = new int[patch.delete()];
                for (int k = 0; k < patch.delete(); k++) {
                    deleted[k] = sequence.deleteVisible(patch.position());
                }
                updates.add(deletion(client, deleted));
            }
            if (!patch.insert().isEmpty()) {
                IdSequence.Cursor at = sequence.insertionPoint(patch.position());
                int left = sequence.clockBefore(at);
                int right = sequence.clockAt(at);
                updates.add(TextUpdates.insert(client, clock, left < 0 ? null : new Id(client, left),
                        right < 0 ? null : new Id(client, right), root, patch.insert()));
                sequence.insert(at, clock, patch.insert().length());
                clock += patch.insert().length();
            }
        }
        return new TraceReplay(updates, sequence.order(), client, root);
    }

    /** One update per insertion or deletion, in trace order. */
    public List<byte[]> updates() {
        return updates;
    }

    /** Every character's clock in document order, deleted ones included. */
    public int[] documentOrder() {
        return documentOrder.clone();
    }

    /** The typing client's id. */
    public long client() {
        return client;
    }

    /** The root text's name. */
    public String root() {
        return root;
    }

    /** A deletion of the given clocks, as ranges of consecutive clocks. */
    private static byte[] deletion(long client, int[] clocks) {
        int[] sorted = clocks.clone();
        Arrays.sort(sorted);
        UpdateEncoder encoder = UpdateFormat.V1.newEncoder();
        new StructWriter(encoder).finish();
        DeleteSet deleted = new DeleteSet();
        int start = sorted[0];
        int length = 1;
        for (int k = 1; k < sorted.length; k++) {
            if (sorted[k] == start + length) {
                length++;
            } else {
                deleted.add(client, start, length);
                start = sorted[k];
                length = 1;
            }
        }
        deleted.add(client, start, length);
        deleted.write(encoder);
        return encoder.toByteArray();
    }
}
