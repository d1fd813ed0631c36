package dev.skein.loadtool.client;

import dev.skein.loadtool.text.TextUpdates;
import dev.skein.ycrdt.id.StateVector;
import dev.skein.ycrdt.update.Updates;
import java.util.ArrayList;
import java.util.List;

/**
 * The updates a client made itself, kept so that it can answer the server's sync step 1 as the
 * stock provider does (with what the server lacks). Updates the client received need not be kept
 * for that: they came from the server, so the server's state vector already covers them.
 * Merged every {@value #MERGE_EVERY} updates so that a long run keeps one compact update.
 */
final class OwnUpdates {

    private static final int MERGE_EVERY = 1_000;

    private final List<byte[]> pending = new ArrayList<>();

    synchronized void add(byte[] update) {
        pending.add(update);
        if (pending.size() >= MERGE_EVERY) {
            byte[] merged = Updates.mergeUpdates(pending);
            pending.clear();
            pending.add(merged);
        }
    }

    /** The encoded state vector of the client's own updates. */
    synchronized byte[] stateVector() {
        if (pending.isEmpty()) {
            return StateVector.empty().encode();
        }
        return Updates.encodeStateVectorFromUpdate(Updates.mergeUpdates(pending));
    }

    /** What of the client's own updates a peer with {@code stateVector} lacks. */
    synchronized byte[] missingFor(byte[] stateVector) {
        if (pending.isEmpty()) {
            return TextUpdates.EMPTY_UPDATE;
        }
        return Updates.diffUpdate(Updates.mergeUpdates(pending), stateVector);
    }
}
