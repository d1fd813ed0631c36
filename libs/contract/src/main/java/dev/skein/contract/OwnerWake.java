package dev.skein.contract;

import org.apache.kafka.common.header.Headers;

/**
 * How an in-band request wakes the batched fetch of the update topic's owner (doc-service).
 *
 * <p>The owner fetches with {@code fetch.min.bytes} = {@link #FETCH_MIN_BYTES}: the broker holds
 * each fetch until that many bytes reached its partitions or the fetch's wait ran out, so between
 * requests the owner reads updates in batches instead of one fetch per record (a broker request
 * per keystroke in a typing-paced document). A request that waits for its answer (a
 * {@link SyncRequest}, an {@link EditRequest}) carries a {@link RecordHeaders#WAKE} header of that
 * many bytes: once it is in the log, the held fetch has its bytes and is answered at once, with
 * the request and everything before it.
 */
public final class OwnerWake {

    /** The owner's {@code fetch.min.bytes}, and the size of the padding that wakes it. */
    public static final int FETCH_MIN_BYTES = 16 * 1024;

    // never written to: the producer serializes headers as they are
    private static final byte[] PADDING = new byte[FETCH_MIN_BYTES];

    private OwnerWake() {
    }

    /** Adds the padding that completes a held fetch of the owner. */
    public static void addTo(Headers headers) {
        headers.add(RecordHeaders.WAKE, PADDING);
    }
}
